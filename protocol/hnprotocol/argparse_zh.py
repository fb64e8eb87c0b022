"""An ``argparse.ArgumentParser`` that speaks Chinese: usage errors, help headings, ``-h``.

Both command lines (``hnclient`` and ``hnclient-endpoint``, which shares no other code with the
client) use it, so it lives in the one package both import. argparse builds its messages in
English; this parser translates the ones a person meets (missing or unknown arguments, a wrong
choice, a wrong value) and ends every usage error with what to do next. Sub-command parsers
are of the same class (argparse's default for ``add_subparsers``).
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

#: (English message pattern, Chinese): the messages argparse (3.11–3.13) produces.
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), zh)
    for pattern, zh in (
        (
            r"^the following arguments are required: (?:command|area|action)$",
            "缺少命令：请在后面写出要做的事",
        ),
        (r"^the following arguments are required: (.*)$", r"缺少必需的参数：\1"),
        (r"^unrecognized arguments: (.*)$", r"无法识别的参数：\1"),
        (r"^one of the arguments (.*) is required$", r"必须给出以下参数之一：\1"),
        (r"^ambiguous option: (\S+) could match (.*)$", r"选项 \1 不明确，可能是：\2"),
        (
            r"^argument (?:command|area|action|\{.*\}): invalid choice: (.*?) "
            r"\(choose from (.*)\)$",
            r"没有 \1 这个命令，可用的命令有：\2",
        ),
        (
            r"^argument (.+?): invalid choice: (.*?) \(choose from (.*)\)$",
            r"参数 \1 的值 \2 无效，可以选择：\3",
        ),
        (r"^argument (.+?): expected one argument$", r"参数 \1 后面需要给出一个值"),
        (r"^argument (.+?): expected at least one argument$", r"参数 \1 后面至少需要一个值"),
        (r"^argument (.+?): expected at most one argument$", r"参数 \1 后面最多只能有一个值"),
        (r"^argument (.+?): expected (\d+) arguments?$", r"参数 \1 后面需要 \2 个值"),
        (r"^argument (.+?): ignored explicit argument (.*)$", r"参数 \1 不接受值 \2"),
        (r"^argument (.+?): not allowed with argument (.*)$", r"参数 \1 不能与 \2 同时使用"),
        (r"^argument (.+?): invalid int value: (.*)$", r"参数 \1 的值 \2 不是整数"),
        (r"^argument (.+?): invalid float value: (.*)$", r"参数 \1 的值 \2 不是数字"),
        (r"^argument (.+?): invalid \S+ value: (.*)$", r"参数 \1 的值 \2 无效"),
        (r"^argument (.+?): (.*)$", r"参数 \1：\2"),
    )
)
#: Headings and fixed help texts of argparse's help output.
_HELP: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.M), zh)
    for pattern, zh in (
        (r"^usage: ", "用法："),
        (r"^positional arguments:$", "位置参数："),
        (r"^(options|optional arguments):$", "选项："),
        (r"^命令:$", "命令："),
        (r"show this help message and exit", "显示本帮助并退出"),
        (r"show program's version number and exit", "显示版本号并退出"),
    )
)


def translate(message: str) -> str:
    """argparse's English ``message`` in Chinese (unchanged when it is not one of its own)."""
    for pattern, zh in _MESSAGES:
        if pattern.match(message):
            return pattern.sub(zh, message)
    return message


class ChineseArgumentParser(argparse.ArgumentParser):
    def format_usage(self) -> str:
        return _help_zh(super().format_usage())

    def format_help(self) -> str:
        return _help_zh(super().format_help())

    def error(self, message: str) -> NoReturn:
        """Print the usage, the problem in Chinese and how to see the help; exit 2."""
        self.print_usage(sys.stderr)
        self.exit(
            2,
            f"{self.prog}：错误：{translate(message)}\n运行“{self.prog} -h”可以查看全部用法。\n",
        )

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("title", "命令")
        return super().add_subparsers(**kwargs)


def _help_zh(text: str) -> str:
    for pattern, zh in _HELP:
        text = pattern.sub(zh, text)
    return text
