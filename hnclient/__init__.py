"""hnclient — 海南州政务信息报送客户端.

The package root holds the Qt-free core; widgets live in :mod:`hnclient.ui` only.
"""

__version__ = "0.1.0"
APP_NAME = "hnclient"
APP_AUTHOR = "HainanZhou"
