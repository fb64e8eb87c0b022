"""Write sample-src.docx, the source LibreOffice converts into sample.doc (see README.md)."""

import docx

d = docx.Document()
d.add_heading("共和县召开信息报送工作会议", 1)
d.add_paragraph("2015年7月20日，共和县召开政府门户网站内容保障工作会议。")
t = d.add_table(rows=2, cols=2)
t.cell(0, 0).text = "单位"
t.cell(0, 1).text = "条数"
t.cell(1, 0).text = "共和县"
t.cell(1, 1).text = "3"
d.save("sample-src.docx")
