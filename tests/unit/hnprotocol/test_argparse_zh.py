from __future__ import annotations

import pytest

from hnprotocol.argparse_zh import ChineseArgumentParser, translate


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("the following arguments are required: FILE, --out", "缺少必需的参数：FILE, --out"),
        ("the following arguments are required: command", "缺少命令：请在后面写出要做的事"),
        ("unrecognized arguments: --x y", "无法识别的参数：--x y"),
        ("one of the arguments --a --b is required", "必须给出以下参数之一：--a --b"),
        ("ambiguous option: --da could match --data, --date",
         "选项 --da 不明确，可能是：--data, --date"),
        ("argument --kind: invalid choice: 'x' (choose from 'a', 'b')",
         "参数 --kind 的值 'x' 无效，可以选择：'a', 'b'"),
        ("argument command: invalid choice: 'x' (choose from 'a', 'b')",
         "没有 'x' 这个命令，可用的命令有：'a', 'b'"),
        ("argument --out: expected one argument", "参数 --out 后面需要给出一个值"),
        ("argument --port: invalid int value: 'x'", "参数 --port 的值 'x' 不是整数"),
        ("argument --a: not allowed with argument --b", "参数 --a 不能与 --b 同时使用"),
        ("argument --due: 不是日期", "参数 --due：不是日期"),
        ("something else", "something else"),
    ],
)  # fmt: skip
def test_translate(english: str, chinese: str) -> None:
    assert translate(english) == chinese


def test_real_errors_come_out_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    parser = ChineseArgumentParser(prog="demo")
    parser.add_argument("--n", type=int)
    parser.add_argument("--mode", choices=["a", "b"])
    parser.add_argument("name")
    for args in (["--n", "x", "z"], ["--mode", "c", "z"], [], ["z", "extra"], ["--n"]):
        with pytest.raises(SystemExit):
            parser.parse_args(args)
        err = capsys.readouterr().err
        assert err.startswith("用法：demo") and "demo：错误：" in err
        assert "argument" not in err and "usage" not in err and "error:" not in err, err
