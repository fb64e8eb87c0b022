"""Save a document with a password through LibreOffice (UNO); run with /usr/bin/python3.

usage: soffice --headless --accept="socket,host=localhost,port=2002;urp;" &
       /usr/bin/python3 encrypt.py SRC DST FILTER PASSWORD
"""

import sys
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


src, dst, filt, password = sys.argv[1:5]
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext(
    "com.sun.star.bridge.UnoUrlResolver", local
)
for _ in range(60):
    try:
        ctx = resolver.resolve(
            "uno:socket,host=localhost,port=2002;urp;StarOffice.ComponentContext"
        )
        break
    except Exception:
        time.sleep(0.5)
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
doc = desktop.loadComponentFromURL(
    Path(src).resolve().as_uri(), "_blank", 0, (prop("Hidden", True),)
)
doc.storeAsURL(Path(dst).resolve().as_uri(), (prop("FilterName", filt), prop("Password", password)))
doc.close(True)
