<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../hnclient/ui/about_dialog.py" line="16"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/about_dialog.py" line="20"/>
        <source>Hainan Prefecture Government Information Client

Drafts items for the portal 「中国·海南州」 and the WeChat account 「海南政务」 under notice 南政办〔2015〕86号, offline first.</source>
        <translation>海南州政务信息报送客户端

按照南政办〔2015〕86号通知，为门户网站「中国·海南州」和政务微信「海南政务」起草、审核和报送信息；离线也能工作。</translation>
    </message>
</context>
<context>
    <name>AttachmentsPanel</name>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="123"/>
        <source>Word documents, JPG photos and WMV videos. Drag files here or use Add files.</source>
        <translation>文字材料用 Word 文档，照片用 JPG，视频用 WMV。可把文件拖到这里，或点“添加文件”。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="134"/>
        <source>Add files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="135"/>
        <source>Remove attachment</source>
        <translation>移除附件</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="148"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="201"/>
        <source>Add attachments</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="206"/>
        <source>Word, pictures, videos (*.doc *.docx *.wps *.jpg *.jpeg *.png *.bmp *.gif *.tif *.tiff *.webp *.heic *.wmv *.mp4 *.mov *.avi *.3gp *.mkv *.flv);;Word, JPG, WMV (*.doc *.docx *.jpg *.jpeg *.wmv);;All files (*)</source>
        <translation>Word 文档、图片、视频 (*.doc *.docx *.wps *.jpg *.jpeg *.png *.bmp *.gif *.tif *.tiff *.webp *.heic *.wmv *.mp4 *.mov *.avi *.3gp *.mkv *.flv);;可直接报送的 Word、JPG、WMV 文件 (*.doc *.docx *.jpg *.jpeg *.wmv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="223"/>
        <source>Checking %1 …</source>
        <translation>正在检查“%1”…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="260"/>
        <source>%1 is already attached.</source>
        <translation>“%1”已经添加过了。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="304"/>
        <source>Convert to JPG and add</source>
        <translation>转换为 JPG 后添加</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="305"/>
        <source>Convert to WMV and add</source>
        <translation>转换为 WMV 后添加</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="306"/>
        <source>Remove the location from the photo</source>
        <translation>去除定位（拍摄位置）</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="307"/>
        <source>Keep the photo only</source>
        <translation>只保留照片</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="308"/>
        <source>Add under the right extension</source>
        <translation>按正确的扩展名添加</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/attachments_panel.py" line="325"/>
        <source>Converting %1 …</source>
        <translation>正在转换“%1”…</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <location filename="../../hnclient/ui/audit_dialog.py" line="74"/>
        <source>Review record of “%1”</source>
        <translation>“%1”的审核记录</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/audit_dialog.py" line="79"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/audit_dialog.py" line="79"/>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/audit_dialog.py" line="79"/>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/audit_dialog.py" line="79"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/audit_dialog.py" line="121"/>
        <source>No sign-off yet.</source>
        <translation>还没有领导签发。</translation>
    </message>
</context>
<context>
    <name>ChannelChoice</name>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="332"/>
        <source>Portal 「中国·海南州」</source>
        <translation>门户网站「中国·海南州」</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="333"/>
        <source>WeChat 「海南政务」</source>
        <translation>政务微信「海南政务」</translation>
    </message>
</context>
<context>
    <name>ChoiceFieldWidget</name>
    <message>
        <location filename="../../hnclient/ui/editor/fields.py" line="444"/>
        <source>— please choose —</source>
        <translation>— 请选择 —</translation>
    </message>
</context>
<context>
    <name>CountedLineEdit</name>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="82"/>
        <source>Length: %1</source>
        <translation>%1 字</translation>
    </message>
</context>
<context>
    <name>CoverPicker</name>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="201"/>
        <source>Choose photo…</source>
        <translation>选择照片…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="202"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="241"/>
        <source>Choose the cover photo</source>
        <translation>选择封面照片</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="243"/>
        <source>JPEG photos (*.jpg *.jpeg)</source>
        <translation>JPG 照片 (*.jpg *.jpeg)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="250"/>
        <source>Checking the photo…</source>
        <translation>正在检查照片…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="302"/>
        <source>No cover</source>
        <translation>未选封面</translation>
    </message>
</context>
<context>
    <name>DateFieldWidget</name>
    <message>
        <location filename="../../hnclient/ui/editor/fields.py" line="375"/>
        <source>Today</source>
        <extracomment>The minimum of a date editor stands for &quot;not set&quot; (shown blank); never a real date. Where a date picker opens when its field is empty: the event date, else today (China). How a message beside a field is coloured.</extracomment>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>EventDateEdit</name>
    <message>
        <location filename="../../hnclient/ui/editor/common_fields.py" line="141"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>GridFieldWidget</name>
    <message>
        <location filename="../../hnclient/ui/editor/fields.py" line="495"/>
        <source>Add row</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/fields.py" line="497"/>
        <source>Remove row</source>
        <translation>删除一行</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="45"/>
        <source>Version history</source>
        <translation>历史版本</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="51"/>
        <source>A version is kept for every manual save (Ctrl+S), every change of state (submitted, approved, returned …) and every restore; autosaves while you type are merged into one version per %1 minutes. The newest version is shown first. Restoring keeps the current text as a version too.</source>
        <translation>每次手动保存（Ctrl+S）、每次状态变化（提交审核、审核通过、退回……）和每次恢复都记一个版本；输入时的连续自动保存合并为一个版本（每 %1 分钟至多一个）。最新的版本排在最前。恢复时，当前内容也会留作一个版本。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="69"/>
        <source>&amp;Restore this version</source>
        <translation>恢复此版本(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="73"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="86"/>
        <source>created</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="87"/>
        <source>autosaved</source>
        <translation>自动保存</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="88"/>
        <source>saved</source>
        <translation>手动保存</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="89"/>
        <source>restored</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="90"/>
        <source>copied</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="96"/>
        <source> (current)</source>
        <translation>（当前版本）</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="97"/>
        <source>Version %1 · %2 · %3</source>
        <translation>第 %1 版 · %2 · %3</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="128"/>
        <location filename="../../hnclient/ui/history_dialog.py" line="144"/>
        <source>Restore version</source>
        <translation>恢复版本</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/history_dialog.py" line="130"/>
        <source>Replace the current text with version %1? The current text stays in the history.</source>
        <translation>用第 %1 版替换当前内容吗？当前内容会保留在历史版本中。</translation>
    </message>
</context>
<context>
    <name>Installation</name>
    <message>
        <location filename="../../hnclient/ui/installation.py" line="37"/>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/installation.py" line="38"/>
        <source>&amp;Import county preset…</source>
        <translation>导入县级预设(&amp;I)…</translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="124"/>
        <source>Basic information</source>
        <extracomment>Which widget holds which field (form fields and common parts), to know which field the officer has left. Fields the officer has edited or left since the item was opened. After a try to submit: every problem in full colour.</extracomment>
        <translation>基本信息</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="133"/>
        <source>Required for WeChat: what the article is about, at most 120 characters</source>
        <translation>发政务微信时必填：概括文章内容，不超过120字</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="138"/>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="430"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="139"/>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="431"/>
        <source>Event date</source>
        <translation>事件日期</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="143"/>
        <source>Channels</source>
        <translation>报送渠道</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="144"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="145"/>
        <source>Cover photo</source>
        <translation>封面图片</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="168"/>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="269"/>
        <source>Choose an item on the left, or create a new one (Ctrl+N).</source>
        <translation>请在左侧选择一条信息，或新建一条（Ctrl+N）。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="368"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hnclient/ui/editor/item_editor.py" line="380"/>
        <source>%n thing(s) to fix before sending</source>
        <translation>
            <numerusform>报送前还有 %n 处需要修改</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../hnclient/ui/editor/item_editor.py" line="383"/>
        <source>%n required field(s) still to fill in</source>
        <translation>
            <numerusform>还有 %n 项必填内容未填写</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../hnclient/ui/editor/item_editor.py" line="391"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n 条提醒</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/item_editor.py" line="388"/>
        <source>All required information is filled in.</source>
        <translation>必填信息已全部填写。</translation>
    </message>
</context>
<context>
    <name>ItemListModel</name>
    <message>
        <location filename="../../hnclient/ui/item_list_model.py" line="81"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/item_list_model.py" line="82"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/item_list_model.py" line="83"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/item_list_model.py" line="84"/>
        <source>Event date</source>
        <translation>事件日期</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/item_list_model.py" line="85"/>
        <source>Last change</source>
        <translation>最后修改</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/item_list_model.py" line="85"/>
        <source>Deleted at</source>
        <translation>删除时间</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/item_list_model.py" line="124"/>
        <source>More than 7 days ago: check that it is still worth sending</source>
        <translation>时效性提醒：事件已超过7天，请核实是否仍有报送价值</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/item_list_model.py" line="193"/>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
</context>
<context>
    <name>LeadersDialog</name>
    <message>
        <location filename="../../hnclient/ui/leaders_dialog.py" line="78"/>
        <source>Leaders who sign off</source>
        <translation>审核签发领导</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/leaders_dialog.py" line="83"/>
        <source>Items are sent only after one of these leaders has reviewed and signed them off on this PC. Each leader has a PIN and a signing key of their own.</source>
        <translation>信息必须由下列领导之一在本机审核签发后才能报送。每位领导有自己的 PIN 和签名密钥。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/leaders_dialog.py" line="93"/>
        <source>&amp;Enrol a leader…</source>
        <translation>登记领导(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/leaders_dialog.py" line="94"/>
        <source>Change &amp;PIN…</source>
        <translation>修改 PIN(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/leaders_dialog.py" line="95"/>
        <source>&amp;Forgot PIN…</source>
        <translation>忘记 PIN(&amp;F)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/leaders_dialog.py" line="96"/>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/leaders_dialog.py" line="118"/>
        <source>enrolled %1 · key %2</source>
        <translation>登记于 %1 · 密钥 %2</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/leaders_dialog.py" line="188"/>
        <source>Enter the current PIN.</source>
        <translation>请输入现在的 PIN。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/leaders_dialog.py" line="199"/>
        <source>The PIN was changed.</source>
        <translation>PIN 已修改。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="162"/>
        <source>Hainan Prefecture Government Information Client</source>
        <extracomment>How long 撤销 stays offered after a delete (the recycle bin keeps the item anyway). Rows filled before the window is shown; the rest follow from a background query. Width that shows the preview&apos;s A4 page (595 px) at full size; narrower, it is shrunk to fit. The narrowest the preview, the editor and the title column of the list may become. The size the window opens at when the screen has room (else the screen&apos;s free area). Room for the title bar and borders, which are only known once the window is shown. A search shows at most this many of the newest matches. Told which item is open in the editor (the crash-recovery marker records it). The unit&apos;s portal columns (栏目) a category feeds, from the county preset (set by hnclient.ui.installation); None, or None from it: no column assignment known. The About dialog&apos;s facts; hnclient.ui.installation gives the running context&apos;s. The leader signed in with their PIN, or None while the officer is acting. Sending in the window, once a sender is attached (sending configured). Items submitted or signed off that the officer chose to change anyway (confirmed).</extracomment>
        <translation>海南州政务信息报送客户端</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="176"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="208"/>
        <source>Read only: the data folder %1 cannot be written, so nothing can be saved, created or deleted; the items below can be read and exported. Ask the county IT staff to give this user write permission to that folder, then start the program again.</source>
        <translation>只能查看：数据文件夹 %1 不能写入，所以不能保存、新建或删除信息；下面的信息可以查看和导出。请联系本县信息化技术人员，为当前用户开通这个文件夹的写入权限，然后重新打开本程序。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="221"/>
        <source>Undo (Ctrl+Z)</source>
        <translation>撤销（Ctrl+Z）</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="242"/>
        <source>Read only: the data folder cannot be written.</source>
        <translation>只能查看：数据文件夹不能写入。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="325"/>
        <source>Search titles and text (Ctrl+F)</source>
        <translation>搜索标题和正文（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="329"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="333"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="360"/>
        <source>Choose an item on the left to continue writing it, or create a new one.
Everything you type is saved automatically, also without a network.</source>
        <translation>在左侧选择一条信息继续编辑，或新建一条信息。
输入的内容会自动保存，没有网络也不影响。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="368"/>
        <source>New item… (Ctrl+N)</source>
        <translation>新建信息…（Ctrl+N）</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="394"/>
        <source>&amp;New item…</source>
        <translation>新建信息(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="402"/>
        <location filename="../../hnclient/ui/main_window.py" line="456"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="405"/>
        <source>&amp;Undo delete</source>
        <translation>撤销删除(&amp;Z)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="409"/>
        <source>&amp;Save now</source>
        <translation>立即保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="412"/>
        <source>&amp;Export package…</source>
        <translation>导出报送包(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="414"/>
        <source>Version &amp;history…</source>
        <translation>历史版本(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="416"/>
        <source>&amp;Recycle bin…</source>
        <translation>回收站(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="419"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="421"/>
        <source>Go to &amp;list</source>
        <translation>转到信息列表(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="423"/>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="425"/>
        <source>Go to &amp;editor</source>
        <translation>转到编辑区(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="426"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="429"/>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="431"/>
        <source>&amp;Submit for review…</source>
        <translation>提交审核(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="434"/>
        <source>&amp;Withdraw from review</source>
        <translation>撤回审核(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="440"/>
        <source>Sign in as &amp;leader…</source>
        <translation>切换为审核领导(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="443"/>
        <source>Back to the &amp;officer</source>
        <translation>切换回信息报送员(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="445"/>
        <source>Review &amp;record…</source>
        <translation>审核记录(&amp;J)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="449"/>
        <source>&amp;Leaders…</source>
        <translation>审核领导登记(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="451"/>
        <source>&amp;Demo sending on this PC…</source>
        <translation>本机演示报送(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="462"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="474"/>
        <source>&amp;View</source>
        <translation>查看(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="488"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="491"/>
        <source>&amp;Review</source>
        <translation>审核(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="506"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="509"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="578"/>
        <source>Loading the list…</source>
        <translation>正在载入信息列表…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hnclient/ui/main_window.py" line="588"/>
        <source>Showing the newest %n matches; type more words to narrow the search</source>
        <translation>
            <numerusform>只显示最近的 %n 条匹配结果；请输入更多字词缩小范围</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../hnclient/ui/main_window.py" line="593"/>
        <source>%n item(s)</source>
        <translation>
            <numerusform>共 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="697"/>
        <source>The program was not closed normally last time. This item was saved automatically and has been recovered; at most the last 2 seconds of typing may be missing. Please check it.</source>
        <translation>上次程序没有正常关闭。这条信息已自动保存并恢复，最后约 2 秒内的输入可能丢失，请核对。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="707"/>
        <source>You are acting as a leader: items cannot be edited. Review → Review and sign off (Ctrl+Shift+A); Ctrl+Shift+O returns to the officer.</source>
        <translation>您现在是审核领导身份，不能修改信息内容。请用“审核 → 领导审核签发”（Ctrl+Shift+A）；按 Ctrl+Shift+O 切换回信息报送员。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="722"/>
        <source>Returned for revision by %1 at %2: %3</source>
        <translation>%1 于 %2 退回修改：%3</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="726"/>
        <source>see the comments by the fields</source>
        <translation>见各栏旁的领导意见</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="729"/>
        <source>Revise the item, then submit it again (Ctrl+Enter).</source>
        <translation>请按意见修改后重新提交审核（Ctrl+Enter）。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="734"/>
        <source>Signed off (%1). Any change to the content or the files makes the sign-off void, and the item must be reviewed again.</source>
        <translation>已签发（%1）。修改内容或附件会使签发失效，需要重新审核。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="755"/>
        <location filename="../../hnclient/ui/main_window.py" line="763"/>
        <source>This item has been sent and can no longer be changed. Use File → Copy as a new item to start a new draft from it.</source>
        <translation>这条信息已报送，不能再修改。如需修改后重新报送，请用“文件 → 复制为新稿件”生成一份新草稿。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="927"/>
        <source>A new draft was made from it; you are now editing the new draft.</source>
        <translation>已复制为新稿件，现在编辑的是新稿件。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="954"/>
        <source>“%1” was moved to the recycle bin.</source>
        <translation>“%1”已移到回收站。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="973"/>
        <source>The item is back.</source>
        <translation>已撤销删除，信息已放回列表。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1156"/>
        <source>(name not set: View → Unit information…)</source>
        <translation>（未填姓名：查看 → 本单位信息…）</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="437"/>
        <source>Review and si&amp;gn off…</source>
        <translation>领导审核签发(&amp;K)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="397"/>
        <source>Copy as a new &amp;item</source>
        <translation>复制为新稿件(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="400"/>
        <source>Start a new draft with the content and files of this item</source>
        <translation>以这条信息的内容和附件新建一份草稿</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="447"/>
        <source>&amp;Change a submitted or signed item…</source>
        <translation>修改已提交或已签发的信息(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="714"/>
        <source>Submitted for review (%1). To change it, use Review → Change a submitted or signed item: the request is withdrawn and you submit it again.</source>
        <translation>已提交审核（%1）。如需修改，请用“审核 → 修改已提交或已签发的信息”：审核申请会撤回，改完后重新提交。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="741"/>
        <source>Signed off (%1) and waiting to be sent. To change it, first take it out of the send queue (Sending menu).</source>
        <translation>已签发（%1），等待发送。如需修改，请先在“发送”菜单中取消发送。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="780"/>
        <source>The submission system refused it: %1 Take it out of the queue (Sending menu), revise it and have it signed off again.</source>
        <translation>州政府报送系统拒收：%1 请在“发送”菜单中取消发送，修改后重新送领导签发。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="786"/>
        <source>Last try: %1 It is tried again by itself.</source>
        <translation>上次发送没有成功：%1 程序会自动重试。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="791"/>
        <source>Arrived, but held by the office: the signing leader&apos;s key is not yet registered there (签发人未备案). Ask the prefecture office to confirm it.</source>
        <translation>已送达，但州政府办公室暂不处理：签发领导的密钥还没有备案（签发人未备案）。请联系州政府办公室确认备案。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="798"/>
        <source>Returned by the prefecture office: %1 Revise it; it is then reviewed and sent again as a new version.</source>
        <translation>被州政府办公室退回：%1 请修改，经领导重新签发后作为新版本再次报送。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="804"/>
        <source>Published: %1 (Sending → Open the published page)</source>
        <translation>已发布：%1（发送 → 打开已发布页面）</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="838"/>
        <source>Changing this item withdraws it from review; you submit it again when you are done. Change it?</source>
        <translation>修改这条信息会撤回审核申请，改完后需要重新提交审核。确定要修改吗？</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="843"/>
        <source>This item is signed off. Any change makes the leader&apos;s sign-off void, and the item must be submitted and signed off again. Change it?</source>
        <translation>这条信息已经领导签发。任何修改都会使签发失效，需要重新提交审核、重新签发。确定要修改吗？</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="847"/>
        <source>Change the item</source>
        <translation>修改信息</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="936"/>
        <location filename="../../hnclient/ui/main_window.py" line="1322"/>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="939"/>
        <source>Delete item</source>
        <translation>删除信息</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="940"/>
        <source>Move “%1” to the recycle bin? You can restore it from there.</source>
        <translation>把“%1”移到回收站吗？之后可以从回收站还原。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="983"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="995"/>
        <source>Choose where to put the package (e.g. the USB stick)</source>
        <translation>选择报送包的保存位置（例如U盘）</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1005"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1008"/>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1011"/>
        <source>Export package</source>
        <translation>导出报送包</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1013"/>
        <source>The package (Word document, attachments and manifest.json) is in:
%1</source>
        <translation>报送包（Word 文档、附件和 manifest.json）已保存在：
%1</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1038"/>
        <source>The earlier version was restored.</source>
        <translation>已恢复到之前的版本。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1069"/>
        <source>Unit &amp;information…</source>
        <translation>本单位信息(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1109"/>
        <source>Saved automatically at %1</source>
        <translation>已于 %1 自动保存</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1157"/>
        <source>Acting: information officer %1</source>
        <translation>当前操作人：信息报送员 %1</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1160"/>
        <source>Acting: leader %1 (%2) — Ctrl+Shift+O returns to the officer</source>
        <translation>当前操作人：审核领导 %1（%2）— 按 Ctrl+Shift+O 切换回信息报送员</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1176"/>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1178"/>
        <source>Some required information is missing or wrong (marked in red in the form). Fix it first, then submit for review.</source>
        <translation>还有必填内容没有填写或填写有误（表单中红字标出）。请先改好，再提交审核。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1183"/>
        <source>Checking the item before review…</source>
        <translation>正在提交前检查…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1238"/>
        <location filename="../../hnclient/ui/main_window.py" line="1256"/>
        <source>Sign in as leader</source>
        <translation>切换为审核领导</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1240"/>
        <source>No leader is enrolled on this PC yet. Items can only be sent after a responsible leader has signed them off.

Enrol a leader now?</source>
        <translation>本机还没有登记审核领导。信息必须经分管领导审核签发后才能报送。

现在登记领导吗？</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1256"/>
        <source>Who is reviewing?</source>
        <translation>由哪位领导审核？</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1295"/>
        <source>Preparing the review…</source>
        <translation>正在准备审核内容…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1308"/>
        <source>Signed off.</source>
        <translation>已签发。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1310"/>
        <source>Returned to the officer.</source>
        <translation>已退回信息报送员修改。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1424"/>
        <source>Files not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1425"/>
        <source>These files were not found (moved or deleted?):
%1</source>
        <translation>找不到下面这些文件（可能已被移动或删除）：
%1</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1435"/>
        <source>Cannot add files</source>
        <translation>不能添加文件</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1437"/>
        <source>The data folder cannot be written, so no file can be added now:
%1</source>
        <translation>数据文件夹不能写入，现在不能添加文件：
%1</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1444"/>
        <source>Which item?</source>
        <translation>添加到哪条信息？</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1446"/>
        <source>To add these files as attachments, first open an item that can be changed (choose one in the list on the left, or File → New item), then drop the files on the program&apos;s icon again, or drag them onto the attachments area:
%1</source>
        <translation>要把这些文件添加为附件，请先打开一条可以修改的信息（在左侧列表中选择，或点“文件 → 新建信息”），再把文件拖到程序图标上，或直接拖到编辑区的附件区域：
%1</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1455"/>
        <source>Checking %1 file(s) to add them to the open item.</source>
        <translation>正在检查 %1 个文件，检查通过后添加到当前信息。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1471"/>
        <source>Something went wrong</source>
        <translation>出现问题</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1477"/>
        <source>Could not save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/main_window.py" line="1480"/>
        <source>Quit anyway? The changes that could not be saved will be lost.</source>
        <translation>仍要退出吗？未能保存的修改将会丢失。</translation>
    </message>
</context>
<context>
    <name>NameDialog</name>
    <message>
        <location filename="../../hnclient/ui/leaders_dialog.py" line="35"/>
        <source>Enrol a leader</source>
        <translation>登记审核领导</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/leaders_dialog.py" line="40"/>
        <source>The responsible leader who reviews and signs off this unit&apos;s items.
Next, the leader chooses a PIN of at least 6 digits, known only to them.</source>
        <translation>负责审核签发本单位信息的分管领导。
下一步由领导本人设置至少 6 位数字的 PIN，只有本人知道。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/leaders_dialog.py" line="48"/>
        <source>e.g. 李四</source>
        <translation>例如：李四</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/leaders_dialog.py" line="50"/>
        <source>e.g. 副县长</source>
        <translation>例如：副县长</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/leaders_dialog.py" line="51"/>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/leaders_dialog.py" line="52"/>
        <source>Post:</source>
        <translation>职务：</translation>
    </message>
</context>
<context>
    <name>NewItemDialog</name>
    <message>
        <location filename="../../hnclient/ui/new_item_dialog.py" line="33"/>
        <source>New item</source>
        <translation>新建信息</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/new_item_dialog.py" line="36"/>
        <source>What kind of information is it?</source>
        <translation>要报送哪一类信息？</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/new_item_dialog.py" line="56"/>
        <source>Create</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/new_item_dialog.py" line="71"/>
        <source>Feeds your unit&apos;s portal columns: %1</source>
        <translation>本单位对应的门户网站栏目：%1</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/new_item_dialog.py" line="75"/>
        <source>None of your unit&apos;s portal columns takes this category.</source>
        <translation>本单位的栏目分工中没有这一类信息（仍可报送，由州政府办公室安排栏目）。</translation>
    </message>
</context>
<context>
    <name>NoticesDialog</name>
    <message>
        <location filename="../../hnclient/ui/notices_dialog.py" line="43"/>
        <source>Notices and tasks from the prefecture office</source>
        <translation>州政府办公室的通报与任务</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/notices_dialog.py" line="59"/>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/notices_dialog.py" line="59"/>
        <source>Notice</source>
        <translation>通报</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/notices_dialog.py" line="62"/>
        <source>due %1</source>
        <translation>截止 %1</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/notices_dialog.py" line="71"/>
        <source>No notices or tasks from the office yet.</source>
        <translation>州政府办公室还没有发来通报或任务。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/notices_dialog.py" line="81"/>
        <source>Due: %1</source>
        <translation>截止日期：%1</translation>
    </message>
</context>
<context>
    <name>PeopleFieldWidget</name>
    <message>
        <location filename="../../hnclient/ui/editor/fields.py" line="571"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/editor/fields.py" line="571"/>
        <source>Position</source>
        <translation>职务</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../hnclient/ui/pin_dialog.py" line="71"/>
        <source>Set a new PIN</source>
        <extracomment>Milliseconds per countdown step of :meth:`set_wait`; tests make it short.</extracomment>
        <translation>设置新 PIN</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/pin_dialog.py" line="71"/>
        <source>Enter PIN</source>
        <translation>输入 PIN</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/pin_dialog.py" line="76"/>
        <source>Leader: %1 (%2)</source>
        <translation>领导：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/pin_dialog.py" line="78"/>
        <source>Leader: %1</source>
        <translation>领导：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hnclient/ui/pin_dialog.py" line="90"/>
        <source>Choose a PIN of at least %n digits and enter it twice.</source>
        <translation>
            <numerusform>请设置至少 %n 位数字的 PIN，并输入两次。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/pin_dialog.py" line="93"/>
        <source>Enter your PIN.</source>
        <translation>请输入您的 PIN。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/pin_dialog.py" line="101"/>
        <source>New PIN:</source>
        <translation>新 PIN：</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/pin_dialog.py" line="101"/>
        <source>PIN:</source>
        <translation>PIN：</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/pin_dialog.py" line="105"/>
        <source>Again:</source>
        <translation>再输一次：</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/pin_dialog.py" line="132"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/pin_dialog.py" line="133"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/pin_dialog.py" line="212"/>
        <source>Too many wrong PINs. Locked until %1. Try again then.</source>
        <translation>PIN 输错次数太多，已锁定到 %1，请到时再试。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hnclient/ui/pin_dialog.py" line="237"/>
        <source>Please wait %n second(s), then try again.</source>
        <translation>
            <numerusform>请等 %n 秒后再试。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/pin_dialog.py" line="249"/>
        <location filename="../../hnclient/ui/pin_dialog.py" line="253"/>
        <source>The two PINs are not the same.</source>
        <translation>两次输入的 PIN 不一样。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hnclient/ui/pin_dialog.py" line="251"/>
        <location filename="../../hnclient/ui/pin_dialog.py" line="280"/>
        <source>A PIN has at least %n digits.</source>
        <translation>
            <numerusform>PIN 至少要 %n 位数字。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PresetImportDialog</name>
    <message>
        <location filename="../../hnclient/ui/preset_import.py" line="39"/>
        <source>Import county preset</source>
        <translation>导入县级预设</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/preset_import.py" line="42"/>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/preset_import.py" line="44"/>
        <source>Importing sets for you:</source>
        <translation>导入后将为您设置：</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/preset_import.py" line="48"/>
        <source>Size limits can only be stricter than this PC&apos;s, never looser.</source>
        <translation>文件大小限制只能比本机统一设置更严，不会放宽。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/preset_import.py" line="51"/>
        <source>The file holds nothing that you can import for yourself.</source>
        <translation>这个文件里没有可以由您自己导入的设置。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/preset_import.py" line="57"/>
        <source>Not applied: %1. These settings hold for the whole PC and only county IT installs them (with administrator rights, by the installer).</source>
        <translation>不会应用：%1。这些设置对整台电脑有效，只能由本县信息化技术人员（以管理员身份，用安装程序）安装。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/preset_import.py" line="66"/>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
</context>
<context>
    <name>PresetImporter</name>
    <message>
        <location filename="../../hnclient/ui/preset_import.py" line="92"/>
        <source>Import county preset</source>
        <translation>导入县级预设</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/preset_import.py" line="96"/>
        <source>Preset files (*.json);;All files (*)</source>
        <translation>预设文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/preset_import.py" line="120"/>
        <source>The preset was imported; it applies from now on.</source>
        <translation>预设已导入，现在起生效。</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <location filename="../../hnclient/ui/preview_panel.py" line="157"/>
        <source>Word document</source>
        <extracomment>The A4 page of the HTML preview is 595 px wide (see hnclient.word.html_preview); with the document margin and a little grey either side, this is the width shown at 100 %.</extracomment>
        <translation>公文预览</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/preview_panel.py" line="158"/>
        <source>WeChat article</source>
        <translation>微信文章预览</translation>
    </message>
</context>
<context>
    <name>RecycleBinDialog</name>
    <message>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="34"/>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="80"/>
        <source>Recycle bin</source>
        <translation>回收站</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="40"/>
        <source>Deleted items wait here. Restore puts an item back in the list; Delete permanently cannot be undone.</source>
        <translation>删除的信息暂存在这里。“还原”可放回信息列表；“永久删除”后无法恢复。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="50"/>
        <source>&amp;Restore</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="51"/>
        <source>Delete &amp;permanently</source>
        <translation>永久删除(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="52"/>
        <source>&amp;Empty recycle bin</source>
        <translation>清空回收站(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="53"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="102"/>
        <source>Delete this item permanently? This cannot be undone.</source>
        <translation>确定要永久删除这条信息吗？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="107"/>
        <source>Delete every item in the recycle bin permanently?</source>
        <translation>确定要永久删除回收站中的全部信息吗？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/recycle_bin_dialog.py" line="113"/>
        <source>Delete permanently</source>
        <translation>永久删除</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="50"/>
        <location filename="../../hnclient/ui/review_dialog.py" line="77"/>
        <source>Return for revision</source>
        <translation>退回修改</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="53"/>
        <source>What should the officer change?</source>
        <translation>需要信息报送员修改什么？</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="55"/>
        <source>e.g. Add this year&apos;s figures to the text.</source>
        <translation>例如：正文中补充今年的数据。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="58"/>
        <source>Comments on particular fields (optional; shown beside them):</source>
        <translation>对具体栏目的意见（可不填；会显示在该栏旁边）：</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="61"/>
        <source>Field</source>
        <translation>栏目</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="61"/>
        <source>Comment</source>
        <translation>意见</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="119"/>
        <source>Review and sign off</source>
        <translation>审核签发</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="126"/>
        <source>Reviewer: %1 · Submitted by %2 at %3</source>
        <translation>审核人：%1 · 由 %2 于 %3 提交</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="137"/>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hnclient/ui/review_dialog.py" line="139"/>
        <source>Files (%n)</source>
        <translation>
            <numerusform>附件（%n）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="142"/>
        <source>Changes since last review</source>
        <translation>与上次审核相比的修改</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hnclient/ui/review_dialog.py" line="145"/>
        <source>Officer&apos;s notes (%n)</source>
        <translation>
            <numerusform>报送员说明（%n）</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="150"/>
        <source>Opinion (签发意见):</source>
        <translation>签发意见：</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="153"/>
        <source>Signing for another leader (代签)</source>
        <translation>代其他领导签发（代签）</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="163"/>
        <source>Handwritten signature:</source>
        <translation>手写签名：</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="166"/>
        <source>Clear signature</source>
        <translation>清除签名</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="174"/>
        <source>&amp;Sign off (签发)…</source>
        <translation>签发(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="177"/>
        <source>&amp;Return for revision…</source>
        <translation>退回修改(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="178"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="193"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="193"/>
        <source>Facts</source>
        <translation>信息</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="193"/>
        <source>Check</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="193"/>
        <source>SHA-256</source>
        <translation>SHA-256 校验值</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="224"/>
        <source>This is the first review of this item.</source>
        <translation>这是这条信息的第一次审核。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="226"/>
        <source>Nothing changed since the last review.</source>
        <translation>与上次审核相比没有修改。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="239"/>
        <source>Before</source>
        <translation>原来</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="239"/>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="245"/>
        <source>The check found nothing to explain.</source>
        <translation>提交前检查没有发现需要说明的内容。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="254"/>
        <source>Officer&apos;s reason:</source>
        <translation>报送员说明的理由：</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="267"/>
        <source>A file is damaged or was replaced: return the item, do not sign it.</source>
        <translation>有附件已损坏或被替换：请退回修改，不要签发。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="270"/>
        <source>Sign on the pad above to enable Sign off.</source>
        <translation>请先在上面的签名板上手写签名，然后才能签发。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="272"/>
        <source>Sign off asks for your PIN once more.</source>
        <translation>签发时会再次要求输入您的 PIN。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/review_dialog.py" line="302"/>
        <source>Enter your PIN to sign off this item.</source>
        <translation>请输入您的 PIN，签发这条信息。</translation>
    </message>
</context>
<context>
    <name>SendingBar</name>
    <message>
        <location filename="../../hnclient/ui/sending_bar.py" line="105"/>
        <location filename="../../hnclient/ui/sending_bar.py" line="123"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/sending_bar.py" line="115"/>
        <location filename="../../hnclient/ui/sending_bar.py" line="148"/>
        <source>Sending: idle</source>
        <translation>发送：空闲</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/sending_bar.py" line="120"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/sending_bar.py" line="131"/>
        <source>Sending: all sent</source>
        <translation>发送：已全部报送</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hnclient/ui/sending_bar.py" line="134"/>
        <source>Sending %n item(s)</source>
        <translation>
            <numerusform>正在发送 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/sending_bar.py" line="142"/>
        <source>%1 left</source>
        <translation>剩余%1</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/sending_bar.py" line="149"/>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/sending_bar.py" line="150"/>
        <source>Sending paused</source>
        <translation>发送已暂停</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/sending_bar.py" line="151"/>
        <source>Sending: no network, will retry</source>
        <translation>发送：网络不通，稍后自动重试</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/sending_bar.py" line="152"/>
        <source>Sending stopped</source>
        <translation>发送已停止</translation>
    </message>
</context>
<context>
    <name>SendingController</name>
    <message>
        <location filename="../../hnclient/ui/sending_controller.py" line="53"/>
        <source>Send &amp;now</source>
        <translation>立即发送(&amp;N)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/sending_controller.py" line="55"/>
        <source>&amp;Take out of the send queue</source>
        <translation>取消发送(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/sending_controller.py" line="57"/>
        <source>&amp;Queue for sending</source>
        <translation>加入待发送(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/sending_controller.py" line="59"/>
        <source>Open the &amp;published page</source>
        <translation>打开已发布页面(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/sending_controller.py" line="62"/>
        <location filename="../../hnclient/ui/sending_controller.py" line="115"/>
        <source>Notices and &amp;tasks from the office…</source>
        <translation>通报与任务(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/sending_controller.py" line="66"/>
        <source>&amp;Sending</source>
        <translation>发送(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/sending_controller.py" line="147"/>
        <source>Send now</source>
        <translation>立即发送</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/sending_controller.py" line="275"/>
        <source>Sending stopped</source>
        <translation>发送已停止</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <location filename="../../hnclient/ui/signature_pad.py" line="138"/>
        <source>Signature pad</source>
        <extracomment>Width of the writing area in pad units (its height is 1.0). Pen width on screen, in pad units: about 3 px on a 160 px pad, like a gel pen. A stroke shorter than this (pad units, about 3 px on a 160 px pad) adds no ink length. Ink needed before the pad counts as signed (pad units, about 40 px on a 160 px pad). Points closer than this to the previous one are dropped while drawing. Points are rounded to this many decimals, so what is kept is exactly what is rendered. Height of the exported PNG, width of its pen and its blank margin, in pixels. The exported image is never wider than this many times its height (a flat scrawl). Resolution written into the PNG: 120 px at 300 dpi print about 1 cm high in Word.</extracomment>
        <translation>签名板</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/signature_pad.py" line="141"/>
        <source>Sign here with a mouse, pen or finger. A signature cannot be typed. Press Delete to clear.</source>
        <translation>请用鼠标、手写笔或手指在此签名，签名不能用键盘输入。按 Delete 键清除。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/signature_pad.py" line="145"/>
        <source>Sign with a mouse, pen or finger. Delete clears the pad.</source>
        <translation>可用鼠标、手写笔或手指签名。按 Delete 键清除。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/signature_pad.py" line="370"/>
        <source>Sign here by hand</source>
        <translation>请在此处手写签名</translation>
    </message>
</context>
<context>
    <name>SubmitDialog</name>
    <message>
        <location filename="../../hnclient/ui/submit_dialog.py" line="41"/>
        <location filename="../../hnclient/ui/submit_dialog.py" line="108"/>
        <source>Submit for review</source>
        <translation>提交审核</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/submit_dialog.py" line="47"/>
        <source>Submit “%1” to the responsible leader for review and sign-off.</source>
        <translation>把“%1”提交给分管领导审核签发。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/submit_dialog.py" line="48"/>
        <source>(untitled)</source>
        <translation>（无标题）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../hnclient/ui/submit_dialog.py" line="57"/>
        <source>The check found %n place(s) to look at. Fix each one (Cancel, then edit), or write why it may stay — the leader will see what you write.</source>
        <translation>
            <numerusform>检查发现 %n 处需要处理。请逐条修改（点“取消”回去修改），或写明可以保留的理由——领导会看到您写的理由。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/submit_dialog.py" line="86"/>
        <source>Why this may stay (e.g. a public notice)</source>
        <translation>可以保留的理由（例如：这是已公开的通知）</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/submit_dialog.py" line="98"/>
        <source>This item contains nothing classified or internal and may be made public (可公开)</source>
        <translation>本信息不含涉密或内部内容，可以公开（可公开）</translation>
    </message>
</context>
<context>
    <name>TitleEdit</name>
    <message>
        <location filename="../../hnclient/ui/editor/title_field.py" line="62"/>
        <source>Press Enter where the printed title should start a new line (shown as ↵); the title itself stays on one line for the portal and WeChat.</source>
        <translation>在打印标题需要换行处按回车键（显示为 ↵）；标题本身仍为一行，用于门户网站和政务微信。</translation>
    </message>
</context>
<context>
    <name>UnitInfoDialog</name>
    <message>
        <location filename="../../hnclient/ui/first_start_dialog.py" line="37"/>
        <source>Welcome</source>
        <translation>欢迎使用</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/first_start_dialog.py" line="37"/>
        <source>Unit information</source>
        <translation>本单位信息</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/first_start_dialog.py" line="41"/>
        <source>The office asks every unit for its contacts (Attachment 1 of the notice). The unit name is printed on documents and packages; your name and telephone are printed at the end of every document as the contact person, and your name is recorded with every step you take.</source>
        <translation>州政府办公室请各单位报送联系人信息（通知附件1）。单位名称印在文稿和报送包上；您的姓名和联系电话作为联系人印在每份文稿末尾，您的姓名还随您的每一步操作记录在案。</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/first_start_dialog.py" line="52"/>
        <source>for example 共和县人民政府办公室</source>
        <translation>例如：共和县人民政府办公室</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/first_start_dialog.py" line="55"/>
        <source>for example 0974-8512655</source>
        <translation>例如：0974-8512655</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/first_start_dialog.py" line="57"/>
        <source>&amp;Unit name:</source>
        <translation>本单位名称(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/first_start_dialog.py" line="58"/>
        <source>Information officer&apos;s &amp;name:</source>
        <translation>信息报送员姓名(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/first_start_dialog.py" line="59"/>
        <source>&amp;Telephone:</source>
        <translation>联系电话(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/first_start_dialog.py" line="75"/>
        <source>You can change this at any time: View → Unit information…</source>
        <translation>以后可随时修改：查看 → 本单位信息…</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/first_start_dialog.py" line="80"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/first_start_dialog.py" line="83"/>
        <source>Later</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <location filename="../../hnclient/ui/first_start_dialog.py" line="83"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
