<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AttachmentsPanel</name>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="117"/>
        <source>Word documents, JPG photos and WMV videos. Drag files here or use Add files.</source>
        <translation>文字材料用 Word 文档，照片用 JPG，视频用 WMV。可把文件拖到这里，或点“添加文件”。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="127"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="128"/>
        <source>Remove attachment</source>
        <translation>移除附件</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="141"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="185"/>
        <source>Add attachments</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="187"/>
        <source>Word, JPG, WMV (*.doc *.docx *.jpg *.jpeg *.wmv);;All files (*)</source>
        <translation>Word、JPG、WMV 文件 (*.doc *.docx *.jpg *.jpeg *.wmv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="199"/>
        <source>Checking %1 …</source>
        <translation>正在检查“%1”…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="235"/>
        <source>%1 is already attached.</source>
        <translation>“%1”已经添加过了。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="275"/>
        <source>Convert to JPG and add</source>
        <translation>转换为 JPG 后添加</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="276"/>
        <source>Convert to WMV and add</source>
        <translation>转换为 WMV 后添加</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="277"/>
        <source>Remove the location from the photo</source>
        <translation>去除照片中的位置信息</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="278"/>
        <source>Keep the photo only</source>
        <translation>只保留照片</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="294"/>
        <source>Converting %1 …</source>
        <translation>正在转换“%1”…</translation>
    </message>
</context>
<context>
    <name>ChannelChoice</name>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="288"/>
        <source>Portal 「中国·海南州」</source>
        <translation>门户网站「中国·海南州」</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="289"/>
        <source>WeChat 「海南政务」</source>
        <translation>政务微信「海南政务」</translation>
    </message>
</context>
<context>
    <name>ChoiceFieldWidget</name>
    <message>
        <location filename="../../hnclient/ui/editor/fields.py" line="234"/>
        <source>— please choose —</source>
        <translation>— 请选择 —</translation>
    </message>
</context>
<context>
    <name>CountedLineEdit</name>
    <message numerus="yes">
        <location filename="../../hnclient/ui/editor/common_fields.py" line="71"/>
        <source>%n chars</source>
        <translation>
            <numerusform>%n 字</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoverPicker</name>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="185"/>
        <source>Choose photo…</source>
        <translation>选择照片…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="186"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="213"/>
        <source>Choose the cover photo</source>
        <translation>选择封面照片</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="213"/>
        <source>JPEG photos (*.jpg *.jpeg)</source>
        <translation>JPG 照片 (*.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="219"/>
        <source>Checking the photo…</source>
        <translation>正在检查照片…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="258"/>
        <source>No cover</source>
        <translation>未选封面</translation>
    </message>
</context>
<context>
    <name>DateFieldWidget</name>
    <message>
        <location filename="../../hnclient/ui/editor/fields.py" line="169"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>EventDateEdit</name>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="133"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>GridFieldWidget</name>
    <message>
        <location filename="../../hnclient/ui/editor/fields.py" line="284"/>
        <source>Add row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/fields.py" line="285"/>
        <source>Remove row</source>
        <translation>删除一行</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="42"/>
        <source>Version history</source>
        <translation>历史版本</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="48"/>
        <source>Every saved change keeps the version before it. Choose a version to see it; restoring keeps the current text as a version too.</source>
        <translation>每次保存修改都会保留修改前的版本。选择一个版本即可查看；恢复旧版本时，当前内容也会作为一个版本保留。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="63"/>
        <source>&amp;Restore this version</source>
        <translation>恢复此版本(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="64"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="76"/>
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="77"/>
        <source>autosaved</source>
        <translation>自动保存</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="78"/>
        <source>saved</source>
        <translation>手动保存</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="79"/>
        <source>restored</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="80"/>
        <source>copied</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="86"/>
        <source> (current)</source>
        <translation>（当前版本）</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="87"/>
        <source>Version %1 · %2 · %3</source>
        <translation>第 %1 版 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="118"/>
        <source>Restore version</source>
        <translation>恢复版本</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="120"/>
        <source>Replace the current text with version %1? The current text stays in the history.</source>
        <translation>用第 %1 版替换当前内容吗？当前内容会保留在历史版本中。</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="97"/>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="105"/>
        <source>Required for WeChat: what the article is about, at most 120 characters</source>
        <translation>发政务微信时必填：概括文章内容，不超过120字</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="110"/>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="295"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="111"/>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="296"/>
        <source>Event date</source>
        <translation>事件日期</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="115"/>
        <source>Channels</source>
        <translation>报送渠道</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="116"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="117"/>
        <source>Cover photo</source>
        <translation>封面图片</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="140"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="208"/>
        <source>Choose an item on the left, or create a new one (Ctrl+N).</source>
        <translation>请在左侧选择一条信息，或新建一条（Ctrl+N）。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hnclient/ui/editor/item_editor.py" line="277"/>
        <source>%n thing(s) to fix before sending</source>
        <translation>
            <numerusform>报送前还有 %n 处需要修改</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../hnclient/ui/editor/item_editor.py" line="278"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 条提醒</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="284"/>
        <source>All required information is filled in.</source>
        <translation>必填信息已全部填写。</translation>
    </message>
</context>
<context>
    <name>ItemListModel</name>
    <message>
        <location filename="../../hnclient/ui/item_list_model.py" line="64"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/item_list_model.py" line="65"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/item_list_model.py" line="66"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/item_list_model.py" line="67"/>
        <source>Event date</source>
        <translation>事件日期</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/item_list_model.py" line="68"/>
        <source>Last change</source>
        <translation>最后修改</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/item_list_model.py" line="105"/>
        <source>More than 7 days ago: check that it is still worth sending</source>
        <translation>时效性提醒：事件已超过7天，请核实是否仍有报送价值</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/item_list_model.py" line="174"/>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="112"/>
        <source>Hainan Prefecture Government Information Client</source>
        <extracomment>Writes an item&apos;s package to a folder and returns it (runs on a worker thread). Rows filled before the window is shown; the rest follow from a background query. Width that shows the preview&apos;s A4 page (595 px) without a horizontal scroll bar. A search shows at most this many of the newest matches.</extracomment>
        <translation>海南州政务信息报送客户端</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="126"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="194"/>
        <source>Search titles and text (Ctrl+F)</source>
        <translation>搜索标题和正文（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="197"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="201"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="228"/>
        <source>Choose an item on the left to continue writing it, or create a new one.
Everything you type is saved automatically, also without a network.</source>
        <translation>在左侧选择一条信息继续编辑，或新建一条信息。
输入的内容会自动保存，没有网络也不影响。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="236"/>
        <source>New item… (Ctrl+N)</source>
        <translation>新建信息…（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="262"/>
        <source>&amp;New item…</source>
        <translation>新建信息(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="264"/>
        <source>D&amp;uplicate</source>
        <translation>复制(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="265"/>
        <location filename="../../hnclient/ui/main_window.py" line="291"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="267"/>
        <source>&amp;Save now</source>
        <translation>立即保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="270"/>
        <source>&amp;Export package…</source>
        <translation>导出报送包(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="272"/>
        <source>Version &amp;history…</source>
        <translation>历史版本(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="274"/>
        <source>&amp;Recycle bin…</source>
        <translation>回收站(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="277"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="279"/>
        <source>Go to &amp;list</source>
        <translation>转到信息列表(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="281"/>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="283"/>
        <source>Go to &amp;editor</source>
        <translation>转到编辑区(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="284"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="287"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="288"/>
        <source>Your &amp;unit…</source>
        <translation>本单位名称(&amp;U)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="297"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="307"/>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="319"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="322"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="325"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="392"/>
        <source>Loading the list…</source>
        <translation>正在载入信息列表…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hnclient/ui/main_window.py" line="402"/>
        <source>Showing the newest %n matches; type more words to narrow the search</source>
        <translation>
            <numerusform>只显示最近的 %n 条匹配结果；请输入更多字词缩小范围</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../hnclient/ui/main_window.py" line="407"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>共 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="483"/>
        <source>The program was not closed normally last time. This item was saved automatically and has been recovered; at most the last 2 seconds of typing may be missing. Please check it.</source>
        <translation>上次程序没有正常关闭。这条信息已自动保存并恢复，最后约 2 秒内的输入可能丢失，请核对。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="489"/>
        <source>This item has been sent and can no longer be changed. Use Duplicate to start a new item from it.</source>
        <translation>这条信息已报送，不能再修改。如需修改后重新报送，请用“复制”生成一条新信息。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="550"/>
        <source>A copy was made; you are now editing the copy.</source>
        <translation>已复制一份，现在编辑的是副本。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="559"/>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="562"/>
        <source>Delete item</source>
        <translation>删除信息</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="563"/>
        <source>Move “%1” to the recycle bin? You can restore it from there.</source>
        <translation>把“%1”移到回收站吗？之后可以从回收站还原。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="576"/>
        <source>Moved to the recycle bin.</source>
        <translation>已移到回收站。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="580"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="591"/>
        <source>Choose where to put the package (e.g. the USB stick)</source>
        <translation>选择报送包的保存位置（例如U盘）</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="599"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="602"/>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="605"/>
        <source>Export package</source>
        <translation>导出报送包</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="607"/>
        <source>The package (Word document, attachments and manifest.json) is in:
%1</source>
        <translation>报送包（Word 文档、附件和 manifest.json）已保存在：
%1</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="632"/>
        <source>The earlier version was restored.</source>
        <translation>已恢复到之前的版本。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="663"/>
        <source>Your unit</source>
        <translation>本单位名称</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="665"/>
        <source>Name of your unit, as it should appear on documents
(for example 共和县人民政府办公室):</source>
        <translation>本单位的名称，将显示在 Word 文档和报送包上
（例如：共和县人民政府办公室）：</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="687"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="689"/>
        <source>Hainan Prefecture Government Information Client

Drafts items for the portal 「中国·海南州」 and the WeChat account 「海南政务」 under notice 南政办〔2015〕86号, offline first.</source>
        <translation>海南州政务信息报送客户端

按照南政办〔2015〕86号通知，为门户网站「中国·海南州」和政务微信「海南政务」起草、审核和报送信息；离线也能工作。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="697"/>
        <source>Saved automatically at %1</source>
        <translation>已于 %1 自动保存</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="743"/>
        <source>Something went wrong</source>
        <translation>出现问题</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="749"/>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="752"/>
        <source>Quit anyway? The changes that could not be saved will be lost.</source>
        <translation>仍要退出吗？未能保存的修改将会丢失。</translation>
    </message>
</context>
<context>
    <name>NewItemDialog</name>
    <message>
        <location filename="../../hnclient/ui/new_item_dialog.py" line="23"/>
        <source>New item</source>
        <translation>新建信息</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/new_item_dialog.py" line="26"/>
        <source>What kind of information is it?</source>
        <translation>要报送哪一类信息？</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/new_item_dialog.py" line="46"/>
        <source>Create</source>
        <translation>新建</translation>
    </message>
</context>
<context>
    <name>PeopleFieldWidget</name>
    <message>
        <location filename="../../hnclient/ui/editor/fields.py" line="358"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/fields.py" line="358"/>
        <source>Position</source>
        <translation>职务</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <location filename="../../hnclient/ui/preview_panel.py" line="65"/>
        <source>Word document</source>
        <translation>公文预览</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/preview_panel.py" line="66"/>
        <source>WeChat article</source>
        <translation>微信文章预览</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/preview_panel.py" line="99"/>
        <source>The preview could not be made: %1</source>
        <translation>无法生成预览：%1</translation>
    </message>
</context>
<context>
    <name>RecycleBinDialog</name>
    <message>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="26"/>
        <source>Recycle bin</source>
        <translation>回收站</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="32"/>
        <source>Deleted items wait here. Restore puts an item back in the list; Delete permanently cannot be undone.</source>
        <translation>删除的信息暂存在这里。“还原”可放回信息列表；“永久删除”后无法恢复。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="42"/>
        <source>&amp;Restore</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="43"/>
        <source>Delete &amp;permanently</source>
        <translation>永久删除(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="44"/>
        <source>&amp;Empty recycle bin</source>
        <translation>清空回收站(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="45"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="79"/>
        <source>Delete this item permanently? This cannot be undone.</source>
        <translation>确定要永久删除这条信息吗？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="85"/>
        <source>Delete every item in the recycle bin permanently?</source>
        <translation>确定要永久删除回收站中的全部信息吗？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="92"/>
        <source>Delete permanently</source>
        <translation>永久删除</translation>
    </message>
</context>
</TS>
