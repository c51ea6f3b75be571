<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
  <context>
    <name>ActionDialog</name>
    <message>
      <location filename="../../ui/action_dialog.py" line="68" />
      <source>确定</source>
      <translation>OK</translation>
    </message>
    <message>
      <source>取消</source>
      <translation type="vanished">Cancel</translation>
    </message>
    <message>
      <location filename="../../ui/action_dialog.py" line="101" />
      <source>合格</source>
      <translation>Passed</translation>
    </message>
    <message>
      <location filename="../../ui/action_dialog.py" line="101" />
      <source>不合格</source>
      <translation>Failed</translation>
    </message>
    <message>
      <location filename="../../ui/action_dialog.py" line="125" />
      <location filename="../../ui/action_dialog.py" line="141" />
      <source>（未选择）</source>
      <translation>(none chosen)</translation>
    </message>
    <message>
      <location filename="../../ui/action_dialog.py" line="126" />
      <source>选择文件…</source>
      <translation>Choose file…</translation>
    </message>
    <message>
      <location filename="../../ui/action_dialog.py" line="136" />
      <source>选择照片</source>
      <translation>Choose photos</translation>
    </message>
    <message>
      <location filename="../../ui/action_dialog.py" line="136" />
      <source>图片 (*.jpg *.jpeg *.png)</source>
      <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
      <location filename="../../ui/action_dialog.py" line="138" />
      <source>选择文件</source>
      <translation>Choose file</translation>
    </message>
    <message>
      <location filename="../../ui/action_dialog.py" line="183" />
      <source>不能执行</source>
      <translation>Not allowed</translation>
    </message>
    <message>
      <source>保存时自动编号（可改为纸质文书上的编号）</source>
      <translation>Numbered automatically on saving (may be changed to the paper form's number)</translation>
    </message>
  </context>
  <context>
    <name>CrashDialog</name>
    <message>
      <location filename="../../ui/crash.py" line="75" />
      <source>意外错误</source>
      <translation>Unexpected error</translation>
    </message>
    <message>
      <location filename="../../ui/crash.py" line="78" />
      <source>程序遇到了意外错误，刚才的操作可能没有完成；已经保存的记录不受影响。
{0}</source>
      <translation>The program ran into an unexpected error; the last action may not have finished. Records already saved are not affected.
{0}</translation>
    </message>
    <message>
      <location filename="../../ui/crash.py" line="85" />
      <source>详细情况已写入日志：{0}
请点“复制报告”，把报告连同日志发给维护人员。</source>
      <translation>The details were written to the log: {0}
Click “Copy report” and send the report with the log to whoever looks after the program.</translation>
    </message>
    <message>
      <location filename="../../ui/crash.py" line="91" />
      <source>复制报告</source>
      <translation>Copy report</translation>
    </message>
    <message>
      <location filename="../../ui/crash.py" line="93" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
  </context>
  <context>
    <name>FindingDialog</name>
    <message>
      <location filename="../../ui/finding_dialog.py" line="98" />
      <source>登记隐患 — {0}</source>
      <translation>Finding — {0}</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="100" />
      <source>，不符合要求</source>
      <translation>: not compliant</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="109" />
      <source>立即整改，并将整改情况书面报告检查机关。</source>
      <translation>Rectify at once and report the rectification in writing to the inspecting body.</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="116" />
      <source>挂牌督办</source>
      <translation>Listed supervision</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="118" />
      <source>重大事故隐患治理方案（六项均须填写）</source>
      <translation>Major hazard remediation plan (all six parts required)</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="127" />
      <source>隐患描述</source>
      <translation>Description</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="127" />
      <source>部位</source>
      <translation>Place</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="128" />
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="128" />
      <source>等级</source>
      <translation>Grade</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="129" />
      <source>检查依据</source>
      <translation>Legal basis</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="129" />
      <source>整改要求</source>
      <translation>Requirement</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="130" />
      <source>整改期限</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="130" />
      <source>企业责任人</source>
      <translation>Person in charge</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="131" />
      <source>联系电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="131" />
      <source>照片</source>
      <translation>Photos</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="133" />
      <source>保存隐患</source>
      <translation>Save finding</translation>
    </message>
    <message>
      <source>取消</source>
      <translation type="vanished">Cancel</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="177" />
      <source>不能保存</source>
      <translation>Cannot save</translation>
    </message>
    <message>
      <source>整改前照片</source>
      <translation>Photos (before)</translation>
    </message>
  </context>
  <context>
    <name>FindingsModel</name>
    <message>
      <location filename="../../ui/findings_model.py" line="118" />
      <source>（逾期）</source>
      <translation> (overdue)</translation>
    </message>
    <message>
      <location filename="../../ui/findings_model.py" line="120" />
      <source>·挂牌</source>
      <translation> · listed</translation>
    </message>
  </context>
  <context>
    <name>FindingsPage</name>
    <message>
      <location filename="../../ui/findings_page.py" line="55" />
      <source>搜索隐患描述、单位、部位（两个字即可，如“消防”）</source>
      <translation>Search findings, sites, places (two characters are enough, e.g. 消防)</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="58" />
      <source>全部状态</source>
      <translation>All statuses</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="59" />
      <source>未整改完成</source>
      <translation>Not yet rectified</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="63" />
      <source>全部等级</source>
      <translation>All grades</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="63" />
      <source>一般</source>
      <translation>Ordinary</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="63" />
      <source>重大</source>
      <translation>Major</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="65" />
      <source>只看逾期</source>
      <translation>Overdue only</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="71" />
      <source>发现日期</source>
      <translation>Found on</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="78" />
      <source>点击取消按单位筛选</source>
      <translation>Click to show all sites again</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="139" />
      <source>打印整改通知书</source>
      <translation>Print rectification order</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="140" />
      <source>打印整改复查意见书</source>
      <translation>Print re-check opinion</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="141" />
      <source>打印重大隐患记录</source>
      <translation>Print major hazard record</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="170" />
      <source>全部街镇</source>
      <translation>All towns</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="171" />
      <source>全部专项</source>
      <translation>All campaigns</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="172" />
      <source>全部检查人员</source>
      <translation>All inspectors</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="203" />
      <source>单位：{0} ✕</source>
      <translation>Site: {0} ✕</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="247" />
      <source>正在计数…</source>
      <translation>Counting…</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="263" />
      <source>共 {0} 条</source>
      <translation>{0} in all</translation>
    </message>
    <message>
      <source>当前状态为“{0}”，不能{1}。</source>
      <translation type="vanished">The finding is “{0}”: cannot {1}.</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="342" />
      <source>合格</source>
      <translation>Passed</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="342" />
      <source>不合格</source>
      <translation>Failed</translation>
    </message>
    <message>
      <location filename="../../ui/findings_page.py" line="346" />
      <source>已附</source>
      <translation>attached</translation>
    </message>
    <message>
      <source>整改后</source>
      <translation>After</translation>
    </message>
    <message>
      <source>整改前</source>
      <translation>Before</translation>
    </message>
    <message>
      <source>打印限期整改意见书</source>
      <translation>Print rectification notice</translation>
    </message>
    <message>
      <source>打印重大隐患治理情况记录</source>
      <translation>Print major hazard record</translation>
    </message>
    <message>
      <source>打印责令限期整改指令书</source>
      <translation>Print rectification order</translation>
    </message>
  </context>
  <context>
    <name>ImportPreview</name>
    <message>
      <location filename="../../ui/import_dialog.py" line="38" />
      <source>导入预览 — {0}</source>
      <translation>Import preview — {0}</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="42" />
      <source>编号</source>
      <translation>No.</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="42" />
      <location filename="../../ui/import_dialog.py" line="54" />
      <source>标题</source>
      <translation>Title</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="42" />
      <source>牵头/责任单位</source>
      <translation>Lead units</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="42" />
      <source>配合单位</source>
      <translation>Supporting units</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="42" />
      <source>期限</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="43" />
      <source>层级</source>
      <translation>Level</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="53" />
      <source>发文单位</source>
      <translation>Issuer</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="53" />
      <source>文号</source>
      <translation>Document no.</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="54" />
      <source>成文日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="55" />
      <source>（未识别）</source>
      <translation>(not found)</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="56" />
      <source>{0} 个部分，{1} 个小节，{2} 项任务，{3} 张表格</source>
      <translation>{0} sections, {1} subsections, {2} tasks, {3} tables</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="58" />
      <source>内容</source>
      <translation>Contents</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="67" />
      <source>与下一条合并</source>
      <translation>Merge with next</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="68" />
      <source>拆分</source>
      <translation>Split</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="69" />
      <source>升级</source>
      <translation>Promote</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="70" />
      <source>降级</source>
      <translation>Demote</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="78" />
      <source>保存为清单</source>
      <translation>Save as checklist</translation>
    </message>
    <message>
      <source>取消</source>
      <translation type="vanished">Cancel</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="133" />
      <source>无法修改</source>
      <translation>Cannot change</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="139" />
      <source>请先选择</source>
      <translation>Select first</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="139" />
      <source>请先在树中选择一个条目。</source>
      <translation>Select an item in the tree first.</translation>
    </message>
    <message>
      <location filename="../../ui/import_dialog.py" line="144" />
      <source>无法执行</source>
      <translation>Cannot do that</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/import_dialog.py" line="71" />
      <source>简称</source>
      <translation>short form</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/import_dialog.py" line="71" />
      <source>写法不同</source>
      <translation>written differently</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/import_dialog.py" line="72" />
      <source>把“{0}”并入已有的“{1}”（{2}）</source>
      <translation>Merge “{0}” into the known “{1}” ({2})</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/import_dialog.py" line="74" />
      <source>可能是同一单位</source>
      <translation>Possibly the same unit</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/import_dialog.py" line="104" />
      <source>条目</source>
      <translation>Items</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/import_dialog.py" line="106" />
      <source>表格：{0}</source>
      <translation>Table: {0}</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/import_dialog.py" line="136" />
      <source>说明</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>新版本</source>
      <translation>New version</translation>
    </message>
    <message>
      <source>{0} {1} 项（第 {2} 项）</source>
      <translation>{0} {1} (item {2})</translation>
    </message>
    <message>
      <source>保存后为第 {0} 版。与上一版相比：{1}</source>
      <translation>Saved as version {0}. Compared with the previous version: {1}</translation>
    </message>
    <message>
      <source>任务没有变化</source>
      <translation>no task changed</translation>
    </message>
    <message>
      <source>新增</source>
      <translation>added</translation>
    </message>
    <message>
      <source>删除</source>
      <translation>removed</translation>
    </message>
    <message>
      <source>改写</source>
      <translation>reworded</translation>
    </message>
  </context>
  <context>
    <name>InspectionsPage</name>
    <message>
      <location filename="../../ui/inspections_page.py" line="274" />
      <source>新建检查 (Ctrl+N)</source>
      <translation>New inspection (Ctrl+N)</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="276" />
      <source>继续检查</source>
      <translation>Continue inspection</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="278" />
      <source>检查表模板…</source>
      <translation>Templates…</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="284" />
      <source>打印现场检查记录</source>
      <translation>Print inspection record</translation>
    </message>
    <message>
      <source>部分签字</source>
      <translation>Partly signed</translation>
    </message>
    <message>
      <source>逾期整改文书</source>
      <translation>overdue-orders</translation>
    </message>
    <message>
      <source>请选择</source>
      <translation>Choose one</translation>
    </message>
    <message>
      <source>请先在列表中选择一次检查。</source>
      <translation>Choose an inspection in the list first.</translation>
    </message>
    <message>
      <source>正在生成逾期未改的整改文书…</source>
      <translation>Writing the overdue orders…</translation>
    </message>
    <message>
      <source>正在生成本次检查的全部文书…</source>
      <translation>Writing all documents of this inspection…</translation>
    </message>
    <message>
      <source>正在下发整改…</source>
      <translation>Issuing orders…</translation>
    </message>
    <message>
      <source>检查文书</source>
      <translation>inspection-documents</translation>
    </message>
    <message>
      <source>检查人员…</source>
      <translation>Inspectors…</translation>
    </message>
    <message>
      <source>本次隐患全部下发整改…</source>
      <translation>Issue all orders…</translation>
    </message>
    <message>
      <source>未能下发</source>
      <translation>Orders not issued</translation>
    </message>
    <message>
      <source>未签字</source>
      <translation>Not signed</translation>
    </message>
    <message>
      <source>有未整改隐患</source>
      <translation>Open findings</translation>
    </message>
    <message>
      <source>无法打印</source>
      <translation>Cannot print</translation>
    </message>
    <message>
      <source>无未整改隐患</source>
      <translation>No open findings</translation>
    </message>
    <message>
      <source>搜索单位名称、信用代码、街镇、检查表或专项</source>
      <translation>Search site, credit code, town, checklist or campaign</translation>
    </message>
    <message>
      <source>打印逾期未改的整改文书</source>
      <translation>Print overdue orders</translation>
    </message>
    <message>
      <source>打印本次全部文书</source>
      <translation>Print all documents</translation>
    </message>
    <message>
      <source>已签字</source>
      <translation>Signed</translation>
    </message>
    <message>
      <source>已对 {0} 条隐患下发{1}。</source>
      <translation>{1} issued for {0} findings.</translation>
    </message>
    <message>
      <source>已列出 {0} 次，向下滚动加载更多</source>
      <translation>{0} listed, scroll down for more</translation>
    </message>
    <message>
      <source>已下发</source>
      <translation>Orders issued</translation>
    </message>
    <message>
      <source>共 {0} 次</source>
      <translation>{0} inspections</translation>
    </message>
    <message>
      <source>全部类型</source>
      <translation>All types</translation>
    </message>
    <message>
      <source>全部检查</source>
      <translation>All inspections</translation>
    </message>
    <message>
      <source>{0} 条</source>
      <translation>{0}</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../ui/main_window.py" line="56" />
      <source>Inspector 安全检查 — {0}</source>
      <translation>Inspector — {0}</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="59" />
      <source>工作任务</source>
      <translation>Work plans</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="59" />
      <source>检查</source>
      <translation>Inspections</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="59" />
      <source>隐患</source>
      <translation>Findings</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="60" />
      <source>单位</source>
      <translation>Sites</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="60" />
      <source>报表</source>
      <translation>Reports</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="60" />
      <source>同步</source>
      <translation>Sync</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="61" />
      <source>设置</source>
      <translation>Settings</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="80" />
      <source>工具栏</source>
      <translation>Toolbar</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="82" />
      <source>导入文件…</source>
      <translation>Import file…</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="83" />
      <source>新建检查</source>
      <translation>New inspection</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="84" />
      <source>查找隐患</source>
      <translation>Find findings</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="87" />
      <source>撤销</source>
      <translation>Undo</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="89" />
      <source>重做</source>
      <translation>Redo</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="91" />
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="92" />
      <source>打印</source>
      <translation>Print</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="116" />
      <source>文件(&amp;F)</source>
      <translation>&amp;File</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="126" />
      <source>退出</source>
      <translation>Quit</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="128" />
      <source>编辑(&amp;E)</source>
      <translation>&amp;Edit</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="131" />
      <source>检查(&amp;I)</source>
      <translation>&amp;Inspect</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="134" />
      <source>转到(&amp;G)</source>
      <translation>&amp;Go</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="208" />
      <source>无法统计</source>
      <translation>Cannot count</translation>
    </message>
    <message>
      <source>报表：现场检查记录、整改通知书、复查意见书、台账、任务落实情况表
（将在下一版本提供）</source>
      <translation type="vanished">Reports: inspection records, rectification orders, re-check opinions, ledger, task progress
(coming in the next version)</translation>
    </message>
    <message>
      <source>同步：与区里交换数据包（将在下一版本提供）</source>
      <translation type="vanished">Sync: exchange packages with the district (coming in the next version)</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="212" />
      <source>工作清单 {0} 份 · 任务 {1} 项 · 单位 {2} 家 · 未整改隐患 {3} 条 · 逾期 {4} · 重大 {5}</source>
      <translation>{0} work plans · {1} tasks · {2} sites · {3} open findings · {4} overdue · {5} major</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="228" />
      <source>已保存</source>
      <translation>Saved</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="256" />
      <source>导入工作意见文件</source>
      <translation>Import a work plan</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="256" />
      <source>工作意见 (*.txt *.md *.docx *.pdf *.doc *.wps)</source>
      <translation>Work plans (*.txt *.md *.docx *.pdf *.doc *.wps)</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="276" />
      <source>正在读取“{0}”…</source>
      <translation>Reading “{0}”…</translation>
    </message>
    <message>
      <source>取消</source>
      <translation type="vanished">Cancel</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="274" />
      <source>无法导入</source>
      <translation>Cannot import</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="287" />
      <source>无法保存</source>
      <translation>Cannot save</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="288" />
      <source>正在保存“{0}”…</source>
      <translation>Saving “{0}”…</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="292" />
      <source>已导入过</source>
      <translation>Already imported</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="292" />
      <source>该文件已经导入过，未重复保存。</source>
      <translation>This file was imported before; it was not saved again.</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="295" />
      <source>新版本</source>
      <translation>New version</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="296" />
      <source>已保存为第 {0} 版。与上一版相比：新增 {1} 项，删除 {2} 项，改写 {3} 项。</source>
      <translation>Saved as version {0}. Compared with the previous one: {1} added, {2} removed, {3} reworded.</translation>
    </message>
    <message>
      <source>意外错误：{0}</source>
      <translation type="vanished">Unexpected error: {0}</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="120" />
      <source>备份…</source>
      <translation>Back up…</translation>
    </message>
    <message>
      <location filename="../../ui/main_window.py" line="121" />
      <source>从备份恢复…</source>
      <translation>Restore from backup…</translation>
    </message>
    <message>
      <source>计划</source>
      <translation>Plans</translation>
    </message>
    <message>
      <source>统计考核</source>
      <translation>Statistics</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/main_window.py" line="293" />
      <source>
{0}：第 {1} 项</source>
      <translation>
{0}: item {1}</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/main_window.py" line="293" />
      <source>新增</source>
      <translation>Added</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/main_window.py" line="294" />
      <source>删除</source>
      <translation>Removed</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/main_window.py" line="294" />
      <source>改写</source>
      <translation>Reworded</translation>
    </message>
    <message>
      <source>“{0}”已经导入过（《{1}》第 {2} 版，{3}），不再重复导入。已为你打开这份清单。</source>
      <translation>“{0}” was imported before (“{1}”, version {2}, {3}) and is not imported again. Its checklist is now open.</translation>
    </message>
  </context>
  <context>
    <name>NewInspectionDialog</name>
    <message>
      <location filename="../../ui/inspections_page.py" line="54" />
      <source>新建检查</source>
      <translation>New inspection</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="58" />
      <source>正在读取单位…</source>
      <translation>Loading sites…</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="66" />
      <source>四不两直（不打招呼、直奔现场）</source>
      <translation>Unannounced (no notice, straight to the site)</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="68" />
      <source>如：消防安全专项整治（可不填）</source>
      <translation>e.g. fire safety campaign (optional)</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="70" />
      <source>添加检查人员…</source>
      <translation>Add inspector…</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="84" />
      <source>被检查单位</source>
      <translation>Site</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="84" />
      <source>检查表</source>
      <translation>Checklist</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="85" />
      <source>检查类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="86" />
      <source>专项行动</source>
      <translation>Campaign</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="86" />
      <source>检查人员</source>
      <translation>Inspectors</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="87" />
      <source>开始时间</source>
      <translation>From</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="87" />
      <source>结束时间</source>
      <translation>To</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="92" />
      <source>开始检查</source>
      <translation>Start inspection</translation>
    </message>
    <message>
      <source>取消</source>
      <translation type="vanished">Cancel</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="118" />
      <location filename="../../ui/inspections_page.py" line="121" />
      <source>添加检查人员</source>
      <translation>Add inspector</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="118" />
      <source>姓名：</source>
      <translation>Name:</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="121" />
      <source>执法证号：</source>
      <translation>Certificate no.:</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="130" />
      <source>请选择被检查单位（先在“单位”页登记）。</source>
      <translation>Choose the site (register it on the Sites page first).</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="132" />
      <source>执法检查须由两名检查人员进行，请选择两名不同的人员。</source>
      <translation>An inspection needs two different inspectors; choose two.</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="134" />
      <source>结束时间必须晚于开始时间。</source>
      <translation>The end time must be after the start time.</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="136" />
      <source>不能开始</source>
      <translation>Cannot start</translation>
    </message>
    <message>
      <source>添加、修改或停用检查人员</source>
      <translation>Add, correct or deactivate inspectors</translation>
    </message>
    <message>
      <source>检查人员…</source>
      <translation>Inspectors…</translation>
    </message>
    <message>
      <source>（不属于专项行动）</source>
      <translation>(no campaign)</translation>
    </message>
    <message>
      <source>（旧名称）</source>
      <translation> (old name)</translation>
    </message>
  </context>
  <context>
    <name>Operation</name>
    <message>
      <location filename="../../ui/background.py" line="227" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../ui/background.py" line="270" />
      <source>操作未完成</source>
      <translation>Not completed</translation>
    </message>
    <message>
      <location filename="../../ui/background.py" line="275" />
      <source>意外错误：{0}</source>
      <translation>Unexpected error: {0}</translation>
    </message>
  </context>
  <context>
    <name>PhotoStrip</name>
    <message>
      <location filename="../../ui/finding_dialog.py" line="51" />
      <source>把照片拖到这里，或粘贴 (Ctrl+V)、或</source>
      <translation>Drop photos here, paste (Ctrl+V) or</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="52" />
      <source>选择照片…</source>
      <translation>Choose photos…</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="59" />
      <source>选择照片</source>
      <translation>Choose photos</translation>
    </message>
    <message>
      <location filename="../../ui/finding_dialog.py" line="59" />
      <source>图片 (*.jpg *.jpeg *.png)</source>
      <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
  </context>
  <context>
    <name>ReportsPage</name>
    <message>
      <location filename="../../ui/reports_page.py" line="62" />
      <source>限定发现日期</source>
      <translation>Limit by date found</translation>
    </message>
    <message>
      <location filename="../../ui/reports_page.py" line="92" />
      <source>生成</source>
      <translation>Generate</translation>
    </message>
    <message>
      <location filename="../../ui/reports_page.py" line="94" />
      <source>打印…</source>
      <translation>Print…</translation>
    </message>
    <message>
      <location filename="../../ui/reports_page.py" line="96" />
      <source>用系统程序打开</source>
      <translation>Open in viewer</translation>
    </message>
    <message>
      <location filename="../../ui/reports_page.py" line="98" />
      <source>打开所在文件夹</source>
      <translation>Open folder</translation>
    </message>
    <message>
      <location filename="../../ui/reports_page.py" line="149" />
      <source>全部单位</source>
      <translation>All units</translation>
    </message>
    <message>
      <location filename="../../ui/reports_page.py" line="149" />
      <source>全部街镇</source>
      <translation>All towns</translation>
    </message>
    <message>
      <location filename="../../ui/reports_page.py" line="145" />
      <source>全部等级</source>
      <translation>All grades</translation>
    </message>
    <message>
      <location filename="../../ui/reports_page.py" line="146" />
      <source>全部状态</source>
      <translation>All statuses</translation>
    </message>
    <message>
      <location filename="../../ui/reports_page.py" line="232" />
      <source>正在生成…</source>
      <translation>Generating…</translation>
    </message>
    <message>
      <source>取消</source>
      <translation type="vanished">Cancel</translation>
    </message>
    <message>
      <location filename="../../ui/reports_page.py" line="221" />
      <source>已取消。</source>
      <translation>Cancelled.</translation>
    </message>
    <message>
      <location filename="../../ui/reports_page.py" line="225" />
      <source>无法生成</source>
      <translation>Cannot generate</translation>
    </message>
    <message>
      <location filename="../../ui/reports_page.py" line="236" />
      <source>已生成：{0}</source>
      <translation>Written: {0}</translation>
    </message>
    <message>
      <location filename="../../ui/reports_page.py" line="238" />
      <source>文书编号：{0}</source>
      <translation>Document no.: {0}</translation>
    </message>
    <message>
      <location filename="../../ui/reports_page.py" line="266" />
      <source>已发送 {0} 页到打印机。</source>
      <translation>{0} pages sent to the printer.</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/reports_page.py" line="1" />
      <source>检查文书存为 Word 文档，可在 WPS 或 Word 中调整后打印</source>
      <translation>Saves the case form as a Word document, to adjust in WPS or Word before printing</translation>
    </message>
    <message>
      <source>我的全部任务（所有工作清单）</source>
      <translation>My tasks (all work plans)</translation>
    </message>
  </context>
  <context>
    <name>Session</name>
    <message>
      <location filename="../../ui/session.py" line="87" />
      <source>自动备份失败：{0}</source>
      <translation>Automatic backup failed: {0}</translation>
    </message>
    <message>
      <location filename="../../ui/session.py" line="134" />
      <source>正在从备份恢复…</source>
      <translation>Restoring from the backup…</translation>
    </message>
  </context>
  <context>
    <name>SettingsPage</name>
    <message>
      <location filename="../../ui/settings_page.py" line="39" />
      <source>街镇（限期整改意见书）</source>
      <translation>Town (rectification opinion)</translation>
    </message>
    <message>
      <location filename="../../ui/settings_page.py" line="40" />
      <source>执法机构（责令限期整改指令书）</source>
      <translation>Enforcement body (rectification order)</translation>
    </message>
    <message>
      <location filename="../../ui/settings_page.py" line="43" />
      <source>发文机关类型</source>
      <translation>Issuing body</translation>
    </message>
    <message>
      <source>留空则自动选择系统中的宋体/仿宋等中文字体</source>
      <translation type="vanished">Leave empty to use a Song/FangSong font found on this computer</translation>
    </message>
    <message>
      <location filename="../../ui/settings_page.py" line="27" />
      <source>首次设置…（本人信息、与区里交换身份文件）</source>
      <translation>First-run set-up… (profile, identity exchange with the district)</translation>
    </message>
    <message>
      <location filename="../../ui/settings_page.py" line="48" />
      <source>自动（系统中的宋体/仿宋等中文字体）</source>
      <translation>Automatic (a Song/FangSong font on this computer)</translation>
    </message>
    <message>
      <location filename="../../ui/settings_page.py" line="59" />
      <source>PDF 字体文件</source>
      <translation>PDF font file</translation>
    </message>
    <message>
      <location filename="../../ui/settings_page.py" line="65" />
      <source>界面语言（重启后生效）</source>
      <translation>Language (after restart)</translation>
    </message>
    <message>
      <location filename="../../ui/settings_page.py" line="67" />
      <source>打开数据文件夹</source>
      <translation>Open the data folder</translation>
    </message>
    <message>
      <location filename="../../ui/settings_page.py" line="69" />
      <source>数据文件夹</source>
      <translation>Data folder</translation>
    </message>
    <message>
      <location filename="../../ui/settings_page.py" line="70" />
      <source>数据库</source>
      <translation>Database</translation>
    </message>
    <message>
      <source>文书抬头和印章处写的机关名称</source>
      <translation>The body named in the heading and at the seal of the documents</translation>
    </message>
  </context>
  <context>
    <name>SetupDialog</name>
    <message>
      <location filename="../../ui/setup_dialog.py" line="49" />
      <source>首次设置</source>
      <translation>First-run set-up</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="51" />
      <source>先填写本人信息：它们印在文书上，本人也是每次检查的默认第一检查人员。再与区里交换身份文件，以后才能把数据包发给区里。以后可在“设置 → 首次设置…”中修改。</source>
      <translation>First your own details: they are printed on documents, and you are the default first inspector of every inspection. Then exchange identity files with the district, so that packages can be sent to it. You can change all this later in Settings → First-run set-up….</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="59" />
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="60" />
      <source>以后再说</source>
      <translation>Later</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="69" />
      <source>本人信息</source>
      <translation>Your details</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="73" />
      <source>如：林志明</source>
      <translation>e.g. Lin Zhiming</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="73" />
      <source>执法证上的编号</source>
      <translation>the number on your enforcement certificate</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="74" />
      <source>如：长风新村街道办事处</source>
      <translation>e.g. Changfeng Xincun Subdistrict Office</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="74" />
      <source>如：长风新村街道</source>
      <translation>e.g. Changfeng Xincun Subdistrict</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="75" />
      <source>如：（普）应急；文书号为 前缀+类别〔年〕号</source>
      <translation>e.g. （普）应急; numbers read prefix + category〔year〕no.</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="84" />
      <source>街镇（出具限期整改意见书）</source>
      <translation>Town (issues rectification opinions)</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="85" />
      <source>执法机构（出具责令限期整改指令书）</source>
      <translation>Enforcement body (issues rectification orders)</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="87" />
      <source>发文机关类型</source>
      <translation>Issuing body</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="91" />
      <source>与区里交换身份文件（用于同步）</source>
      <translation>Exchange identity files with the district (for sync)</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="99" />
      <source>导出本机身份…</source>
      <translation>Export this device’s identity…</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="104" />
      <source>本机密钥指纹</source>
      <translation>This device’s key fingerprint</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="105" />
      <source>（尚未选择区里的身份文件）</source>
      <translation>(no district identity file chosen yet)</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="108" />
      <source>选择区里的身份文件…</source>
      <translation>Choose the district’s identity file…</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="113" />
      <source>区里的密钥指纹</source>
      <translation>District key fingerprint</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="114" />
      <source>已打电话与区里逐字核对，双方的指纹都一致</source>
      <translation>Compared with the district by phone, character by character: both fingerprints match</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="118" />
      <source>做法：把“本机身份”文件交给区里（U 盘或内网），从区里拿到区里的身份文件并在这里选择；然后打电话，念出本机指纹请区里核对，再听区里念出区里的指纹，与上面显示的逐字比对。两个指纹都一致才勾选。身份文件可以公开，但不核对指纹就信任，可能收到冒充区里的数据包。</source>
      <translation>How: give this device’s identity file to the district (USB stick or intranet), get the district’s identity file and choose it here; then phone the district, read out this fingerprint for them to check, and compare the district’s fingerprint as they read it out with the one shown above. Tick only when both match. Identity files are not secret, but trusting one without comparing fingerprints could let in packages from someone posing as the district.</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="137" />
      <source>导出本机身份</source>
      <translation>Export this device’s identity</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="137" />
      <source>身份文件 (*.json)</source>
      <translation>Identity files (*.json)</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="143" />
      <source>无法导出</source>
      <translation>Cannot export</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="143" />
      <source>无法写入“{0}”：{1}</source>
      <translation>Cannot write “{0}”: {1}</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="145" />
      <source>已导出本机身份：{0}。请交给区里，并电话核对指纹。</source>
      <translation>Identity exported: {0}. Give it to the district and compare fingerprints by phone.</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="148" />
      <source>选择区里的身份文件</source>
      <translation>Choose the district’s identity file</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="149" />
      <source>身份文件或数据包 (*.json *.inspx)</source>
      <translation>Identity files or packages (*.json *.inspx)</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="155" />
      <source>不能使用这个文件</source>
      <translation>Cannot use this file</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="160" />
      <source>{0}：{1}</source>
      <translation>{0}: {1}</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="172" />
      <source>请先核对指纹</source>
      <translation>Compare fingerprints first</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="173" />
      <source>已选择区里的身份文件，但还没有确认电话核对过指纹。请核对后勾选；如暂时无法核对，可先保存本人信息，以后在“同步”页信任区里的设备。</source>
      <translation>A district identity file is chosen, but the phone comparison of fingerprints is not confirmed. Compare and tick the box; if you cannot yet, save your details now and trust the district later on the Sync page.</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="179" />
      <source>未保存</source>
      <translation>Not saved</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="74" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="74" />
      <source>执法证号</source>
      <translation>Certificate no.</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="74" />
      <source>所属单位</source>
      <translation>Unit</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="75" />
      <source>街镇</source>
      <translation>Town</translation>
    </message>
    <message>
      <location filename="../../ui/setup_dialog.py" line="75" />
      <source>文书编号前缀</source>
      <translation>Document number prefix</translation>
    </message>
  </context>
  <context>
    <name>SignatureDialog</name>
    <message>
      <location filename="../../ui/signature.py" line="93" />
      <source>现场签字</source>
      <translation>Signatures</translation>
    </message>
    <message>
      <location filename="../../ui/signature.py" line="97" />
      <source>检查人员（一）</source>
      <translation>Inspector (1)</translation>
    </message>
    <message>
      <location filename="../../ui/signature.py" line="97" />
      <source>检查人员（二）</source>
      <translation>Inspector (2)</translation>
    </message>
    <message>
      <location filename="../../ui/signature.py" line="98" />
      <source>被检查单位负责人</source>
      <translation>Site's person in charge</translation>
    </message>
    <message>
      <location filename="../../ui/signature.py" line="102" />
      <source>重签</source>
      <translation>Clear</translation>
    </message>
    <message>
      <location filename="../../ui/signature.py" line="104" />
      <source>拒绝签字</source>
      <translation>Refused to sign</translation>
    </message>
    <message>
      <location filename="../../ui/signature.py" line="111" />
      <source>保存签字</source>
      <translation>Save signatures</translation>
    </message>
    <message>
      <source>取消</source>
      <translation type="vanished">Cancel</translation>
    </message>
    <message>
      <location filename="../../ui/signature.py" line="130" />
      <source>不能保存</source>
      <translation>Cannot save</translation>
    </message>
  </context>
  <context>
    <name>SiteDialog</name>
    <message>
      <location filename="../../ui/sites_page.py" line="50" />
      <source>编辑单位</source>
      <translation>Edit site</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="50" />
      <source>新增单位</source>
      <translation>Add site</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="56" />
      <source>（未评定）</source>
      <translation>(not rated)</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="70" />
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>取消</source>
      <translation type="vanished">Cancel</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="95" />
      <source>修改单位信息</source>
      <translation>Edit site</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="98" />
      <source>不能保存</source>
      <translation>Cannot save</translation>
    </message>
    <message>
      <source>风险等级由最近一次风险评估确定（计划 → 风险分级）。</source>
      <translation>The risk level follows the newest risk assessment (Plans → Risk grading).</translation>
    </message>
  </context>
  <context>
    <name>SitesPage</name>
    <message>
      <location filename="../../ui/sites_page.py" line="113" />
      <source>按名称、信用代码、地址或街镇查找</source>
      <translation>Search by name, credit code, address or town</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="117" />
      <source>新增单位</source>
      <translation>Add site</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="117" />
      <source>编辑</source>
      <translation>Edit</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="118" />
      <source>查看该单位隐患</source>
      <translation>Findings of this site</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="119" />
      <source>从 Excel 导入…</source>
      <translation>Import from Excel…</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="120" />
      <source>导出 Excel…</source>
      <translation>Export to Excel…</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="191" />
      <source>导入单位名册</source>
      <translation>Import site register</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="191" />
      <location filename="../../ui/sites_page.py" line="207" />
      <source>Excel 文件 (*.xlsx)</source>
      <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="202" />
      <source>导入失败</source>
      <translation>Import failed</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="215" />
      <source>导出失败</source>
      <translation>Export failed</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="217" />
      <source>正在导出单位名册…</source>
      <translation>Exporting the site register…</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="196" />
      <source>已导入</source>
      <translation>Imported</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="196" />
      <source>新增 {0} 家，更新 {1} 家。</source>
      <translation>{0} added, {1} updated.</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="203" />
      <source>正在导入单位名册…</source>
      <translation>Importing the site register…</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="206" />
      <source>导出单位名册</source>
      <translation>Export site register</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="212" />
      <source>已导出</source>
      <translation>Exported</translation>
    </message>
    <message>
      <location filename="../../ui/sites_page.py" line="212" />
      <source>已导出 {0} 家单位。</source>
      <translation>{0} sites exported.</translation>
    </message>
  </context>
  <context>
    <name>SyncPage</name>
    <message>
      <location filename="../../ui/sync_page.py" line="53" />
      <source>全部数据（否则只导出对方确认后的变化）</source>
      <translation>Everything (otherwise only what changed since their last receipt)</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="54" />
      <source>用对方公钥加密（U 盘丢失也不会泄露）</source>
      <translation>Encrypt to the receiver's key (a lost stick leaks nothing)</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="56" />
      <source>导出数据包…</source>
      <translation>Export package…</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="58" />
      <source>导出</source>
      <translation>Export</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="60" />
      <source>发给</source>
      <translation>To</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="68" />
      <source>与区里交换身份文件…</source>
      <translation>Exchange identity files with the district…</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="72" />
      <source>（尚未信任对方设备）</source>
      <translation>(no trusted device yet)</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="73" />
      <source>导入</source>
      <translation>Import</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="75" />
      <source>导入数据包…</source>
      <translation>Import package…</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="76" />
      <source>导入回执…</source>
      <translation>Import receipt…</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="92" />
      <source>收发记录</source>
      <translation>Packages sent and received</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="92" />
      <source>受信任的设备</source>
      <translation>Trusted devices</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="93" />
      <source>待处理的冲突</source>
      <translation>Conflicts to settle</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="104" />
      <source>导出本机身份…</source>
      <translation>Export identity…</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="105" />
      <source>信任设备（身份文件或数据包）…</source>
      <translation>Trust a device (identity file or package)…</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="106" />
      <source>吊销所选设备</source>
      <translation>Revoke selected device</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="115" />
      <source>选择保留的值…</source>
      <translation>Choose the value to keep…</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="149" />
      <source>本机：{0}（{1}）　密钥指纹 {2}</source>
      <translation>This device: {0} ({1})   key fingerprint {2}</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="150" />
      <location filename="../../ui/sync_page.py" line="168" />
      <source>区</source>
      <translation>district</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="150" />
      <location filename="../../ui/sync_page.py" line="168" />
      <source>街镇</source>
      <translation>town</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="162" />
      <source>收到</source>
      <translation>Received</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="162" />
      <source>发出</source>
      <translation>Sent</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="166" />
      <source>受信任</source>
      <translation>Trusted</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="166" />
      <source>未信任</source>
      <translation>Not trusted</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="167" />
      <source>已吊销</source>
      <translation>Revoked</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="180" />
      <source>还没有信任任何街镇的设备，“发给”列表为空。请让各街镇把“本机身份”文件交来，在下方“受信任的设备”中点“信任设备…”选择该文件，并电话核对双方的密钥指纹。</source>
      <translation>No town device is trusted yet, so the “Send to” list is empty. Ask each town for its identity file, choose it with “Trust device…” under “Trusted devices” below, and compare both key fingerprints by phone.</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="183" />
      <source>还没有信任区里的设备，“发给”列表为空，数据包无法发出。请与区里交换身份文件：① 点“导出本机身份…”，把文件交给区里；② 从区里拿到区里的身份文件，点“信任设备…”选择它；③ 电话与区里逐字核对双方的密钥指纹。也可点下面的按钮，在首次设置中一步完成。</source>
      <translation>The district’s device is not trusted yet, so the “Send to” list is empty and no package can be sent. Exchange identity files with the district: ① “Export this device’s identity…” and give the file to the district; ② get the district’s identity file and choose it with “Trust device…”; ③ compare both key fingerprints with the district by phone. The button below does it all in the first-run set-up.</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="201" />
      <source>待处理的冲突（{0}）</source>
      <translation>Conflicts to settle ({0})</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="207" />
      <source>没有对方设备</source>
      <translation>No peer</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="207" />
      <source>请先在“受信任的设备”中信任对方。</source>
      <translation>Trust the other device first (Trusted devices).</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="209" />
      <source>选择保存位置（如 U 盘）</source>
      <translation>Choose where to save (e.g. a USB stick)</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="221" />
      <source>无法导出</source>
      <translation>Cannot export</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="216" />
      <source>已导出第 {0} 号数据包：{1}（{2} 条记录）</source>
      <translation>Package no. {0} exported: {1} ({2} records)</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="221" />
      <source>正在导出…</source>
      <translation>Exporting…</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="225" />
      <source>选择数据包</source>
      <translation>Choose a package</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="225" />
      <source>数据包 (*.inspx)</source>
      <translation>Packages (*.inspx)</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="244" />
      <source>数据包未导入</source>
      <translation>Package not imported</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="246" />
      <location filename="../../ui/sync_page.py" line="249" />
      <source>正在校验…</source>
      <translation>Verifying…</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="248" />
      <source>已取消。</source>
      <translation>Cancelled.</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="257" />
      <source>该数据包已导入过，未做任何改动。</source>
      <translation>This package was imported before; nothing changed.</translation>
    </message>
    <message>
      <source>来自 {0} 的第 {1} 号数据包，校验通过。将要：</source>
      <translation type="vanished">Package no. {1} from {0} verified. It will:</translation>
    </message>
    <message>
      <source>{0}：新增 {1}，更新 {2}，未变 {3}，冲突 {4}</source>
      <translation type="vanished">{0}: {1} new, {2} changed, {3} unchanged, {4} conflicts</translation>
    </message>
    <message>
      <source>处理记录 {0} 条，附件 {1} 个。确定导入吗？</source>
      <translation type="vanished">{0} finding events, {1} attachments. Import now?</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="263" />
      <source>导入预览</source>
      <translation>Import preview</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="266" />
      <source>已取消，未做任何改动。</source>
      <translation>Cancelled; nothing changed.</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="289" />
      <source>已导入。回执：{0}（请交回发送方导入）</source>
      <translation>Imported. Receipt: {0} (give it back to the sender to import)</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="294" />
      <source>正在导入…</source>
      <translation>Importing…</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="297" />
      <source>选择回执</source>
      <translation>Choose a receipt</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="297" />
      <source>回执 (*.receipt)</source>
      <translation>Receipts (*.receipt)</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="303" />
      <source>回执未导入</source>
      <translation>Receipt not imported</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="305" />
      <source>{0} 已确认收到第 {1} 号数据包。</source>
      <translation>{0} confirmed receiving package no. {1}.</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="310" />
      <source>导出本机身份</source>
      <translation>Export this device's identity</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="313" />
      <source>已导出本机身份：{0}</source>
      <translation>Identity exported: {0}</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="316" />
      <source>选择对方的身份文件或数据包</source>
      <translation>Choose the other device's identity file or package</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="317" />
      <source>身份或数据包 (*.json *.inspx)</source>
      <translation>Identity or package (*.json *.inspx)</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="326" />
      <source>信任设备</source>
      <translation>Trust device</translation>
    </message>
    <message>
      <source>信任“{0}”吗？请先与对方电话核对密钥指纹：
{1}</source>
      <translation type="vanished">Trust “{0}”? Compare the key fingerprint with them by phone first:
{1}</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="332" />
      <source>无法信任</source>
      <translation>Cannot trust</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="376" />
      <source>选择保留的值</source>
      <translation>Choose the value to keep</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="376" />
      <source>“{0}”的并存值：</source>
      <translation>Values kept side by side for “{0}”:</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="342" />
      <source>{0}
更换后，旧的区级密钥不再受信任，它发来的数据包将被拒绝。确定更换吗？</source>
      <translation>{0}
After the replacement the old district key is no longer trusted and its packages are refused. Replace it?</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="273" />
      <source>{0}：新增 {1}，更新 {2}，未变 {3}，冲突 {4}，拒绝 {5}</source>
      <translation>{0}: {1} new, {2} changed, {3} unchanged, {4} conflicts, {5} refused</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="327" />
      <source>“{0}”的密钥指纹：
{1}
请先与对方电话核对指纹，再选择对方的角色：</source>
      <translation>Key fingerprint of “{0}”:
{1}
Compare the fingerprint with the other side by phone, then choose its role:</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="280" />
      <source>……共 {0} 条</source>
      <translation>… {0} in all</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="277" />
      <source>以下记录发送方无权提交，整个数据包不能导入（请联系发送方）：</source>
      <translation>The sender may not submit these records, so the whole package cannot be imported (contact the sender):</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="324" />
      <source>区（district）</source>
      <translation>District</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="275" />
      <source>处理记录 {0} 条，附件 {1} 个。</source>
      <translation>{0} finding events, {1} attachments.</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="357" />
      <location filename="../../ui/sync_page.py" line="359" />
      <source>撤销吊销</source>
      <translation>Undo revocation</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="107" />
      <source>撤销吊销…</source>
      <translation>Undo revocation…</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="360" />
      <source>撤销后，“{0}”发来的数据包将重新被接受。只有确认它的密钥没有泄露时才这样做。确定吗？</source>
      <translation>Packages from “{0}” will be accepted again. Do this only if you are sure its key has not leaked. Continue?</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="262" />
      <source>数据包不能导入</source>
      <translation>Package cannot be imported</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="261" />
      <source>数据包中有 {0} 条记录被拒绝，未导入。</source>
      <translation>{0} records in the package were refused; nothing was imported.</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="367" />
      <source>无法撤销吊销</source>
      <translation>Cannot undo the revocation</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="341" />
      <source>更换区级密钥</source>
      <translation>Replace the district key</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="271" />
      <source>来自 {0} 的第 {1} 号数据包，签名校验通过。将要：</source>
      <translation>Package no. {1} from {0}, signature verified. It will:</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="282" />
      <source>确定导入吗？</source>
      <translation>Import it?</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="324" />
      <source>街镇（town）</source>
      <translation>Town</translation>
    </message>
    <message>
      <location filename="../../ui/sync_page.py" line="357" />
      <source>请先选择一台已吊销的设备。</source>
      <translation>Select a revoked device first.</translation>
    </message>
  </context>
  <context>
    <name>TasksPage</name>
    <message>
      <location filename="../../ui/tasks_page.py" line="95" />
      <source>全部状态</source>
      <translation>All statuses</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="99" />
      <source>全部期限</source>
      <translation>All deadlines</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="99" />
      <source>已过期限</source>
      <translation>Past deadline</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="99" />
      <source>30 天内到期</source>
      <translation>Due within 30 days</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="100" />
      <source>本年内到期</source>
      <translation>Due this year</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="100" />
      <source>无明确期限</source>
      <translation>No exact deadline</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="106" />
      <source>责任单位：</source>
      <translation>Unit:</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="108" />
      <source>状态：</source>
      <translation>Status:</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="110" />
      <source>期限：</source>
      <translation>Deadline:</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="112" />
      <location filename="../../ui/tasks_page.py" line="418" />
      <source>打印任务落实情况表</source>
      <translation>Print task progress table</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="169" />
      <location filename="../../ui/tasks_page.py" line="274" />
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="180" />
      <source>添加佐证文件…</source>
      <translation>Add evidence files…</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="193" />
      <source>我的全部任务（所有工作清单）</source>
      <translation>All my tasks (every work plan)</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="201" />
      <source>工作任务清单</source>
      <translation>Work-plan checklists</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="201" />
      <source>检查表模板</source>
      <translation>Site checklist templates</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="209" />
      <source>，第{0}版</source>
      <translation>, version {0}</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="235" />
      <source>全部单位</source>
      <translation>All units</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="238" />
      <source>我的街镇（{0}，含“各街镇”）</source>
      <translation>My town ({0}, with “all towns”)</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="274" />
      <source>编号</source>
      <translation>No.</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="274" />
      <source>标题</source>
      <translation>Title</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="274" />
      <source>责任单位</source>
      <translation>Responsible units</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="274" />
      <source>期限</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="334" />
      <source>已过期限 {0}，显示为“滞后”</source>
      <translation>Deadline {0} has passed: shown as late</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="354" />
      <source>（尚无佐证文件）</source>
      <translation>(no evidence files yet)</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="360" />
      <source>选择佐证文件</source>
      <translation>Choose evidence files</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="364" />
      <location filename="../../ui/tasks_page.py" line="379" />
      <source>未保存</source>
      <translation>Not saved</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="389" />
      <source>修改任务进展</source>
      <translation>Edit task progress</translation>
    </message>
    <message>
      <location filename="../../ui/tasks_page.py" line="419" />
      <source>请先在树中选择一项任务（或一个清单），再打印它所在清单的落实情况表。</source>
      <translation>Choose a task (or a plan) in the tree first; its plan’s progress table is printed.</translation>
    </message>
  </context>
  <context>
    <name>TemplatesDialog</name>
    <message>
      <location filename="../../ui/templates_dialog.py" line="35" />
      <source>检查表模板</source>
      <translation>Site checklist templates</translation>
    </message>
    <message>
      <location filename="../../ui/templates_dialog.py" line="39" />
      <source>检查表名称</source>
      <translation>Checklist name</translation>
    </message>
    <message>
      <location filename="../../ui/templates_dialog.py" line="47" />
      <source>新建模板</source>
      <translation>New template</translation>
    </message>
    <message>
      <location filename="../../ui/templates_dialog.py" line="47" />
      <source>添加检查项</source>
      <translation>Add item</translation>
    </message>
    <message>
      <location filename="../../ui/templates_dialog.py" line="48" />
      <source>删除检查项</source>
      <translation>Remove item</translation>
    </message>
    <message>
      <location filename="../../ui/templates_dialog.py" line="48" />
      <source>保存模板</source>
      <translation>Save template</translation>
    </message>
    <message>
      <location filename="../../ui/templates_dialog.py" line="54" />
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <location filename="../../ui/templates_dialog.py" line="72" />
      <source>（第{0}版）</source>
      <translation> (version {0})</translation>
    </message>
    <message>
      <location filename="../../ui/templates_dialog.py" line="93" />
      <source>新检查表</source>
      <translation>New checklist</translation>
    </message>
    <message>
      <location filename="../../ui/templates_dialog.py" line="113" />
      <source>不能保存</source>
      <translation>Cannot save</translation>
    </message>
    <message>
      <location filename="../../ui/templates_dialog.py" line="116" />
      <source>已保存为新版本</source>
      <translation>Saved as a new version</translation>
    </message>
    <message>
      <location filename="../../ui/templates_dialog.py" line="117" />
      <source>该模板已用于检查，原版本保持不变；修改已保存为新版本。</source>
      <translation>This template is used by inspections: the old version stays as it was and your changes were saved as a new version.</translation>
    </message>
  </context>
  <context>
    <name>WalkDialog</name>
    <message>
      <location filename="../../ui/inspections_page.py" line="160" />
      <source>检查 — {0}</source>
      <translation>Inspection — {0}</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="162" />
      <source>编号</source>
      <translation>No.</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="162" />
      <source>检查项目</source>
      <translation>Item</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="162" />
      <source>结果</source>
      <translation>Result</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="162" />
      <source>备注</source>
      <translation>Notes</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="167" />
      <location filename="../../ui/inspections_page.py" line="247" />
      <location filename="../../ui/inspections_page.py" line="251" />
      <source>未检查</source>
      <translation>Not checked</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="182" />
      <source>符合 (1)</source>
      <translation>Compliant (1)</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="182" />
      <source>不符合 (2)</source>
      <translation>Non-compliant (2)</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="183" />
      <source>不适用 (3)</source>
      <translation>Not applicable (3)</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="187" />
      <source>现场签字…</source>
      <translation>Signatures…</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="194" />
      <source>完成</source>
      <translation>Done</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="197" />
      <source>用方向键选择检查项，按 1 符合、2 不符合（登记隐患）、3 不适用；双击备注可填写。</source>
      <translation>Use the arrow keys; press 1 compliant, 2 non-compliant (records a finding), 3 not applicable; double-click a note to edit it.</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="227" />
      <source>未保存</source>
      <translation>Not saved</translation>
    </message>
    <message>
      <location filename="../../ui/inspections_page.py" line="252" />
      <source>已检查 {0} / {1} 项</source>
      <translation>{0} of {1} items checked</translation>
    </message>
    <message>
      <source>，不符合 {0} 项</source>
      <translation>, {0} non-compliant</translation>
    </message>
    <message>
      <source>用方向键选择检查项，按 1 符合、2 不符合（登记隐患）、3 不适用；双击备注可填写。下方显示该项的依据和检查要点。</source>
      <translation>Choose an item with the arrow keys; press 1 compliant, 2 non-compliant (records a finding), 3 not applicable; double-click the note to write one. The item's basis and guidance are shown below.</translation>
    </message>
    <message>
      <source>{0} 天</source>
      <translation>{0} days</translation>
    </message>
  </context>
  <context>
    <name>app</name>
    <message>
      <location filename="../../ui/app.py" line="80" />
      <source>无法打开数据库</source>
      <translation>Cannot open the database</translation>
    </message>
    <message>
      <location filename="../../ui/app.py" line="85" />
      <source>可以从 backups 文件夹中的备份恢复；当前文件会被保留。</source>
      <translation>You can restore a backup from the backups folder; the current file is kept.</translation>
    </message>
    <message>
      <location filename="../../ui/app.py" line="86" />
      <source>从备份恢复…</source>
      <translation>Restore from backup…</translation>
    </message>
    <message>
      <location filename="../../ui/app.py" line="87" />
      <source>退出</source>
      <translation>Quit</translation>
    </message>
    <message>
      <location filename="../../ui/app.py" line="91" />
      <source>从备份恢复</source>
      <translation>Restore from backup</translation>
    </message>
    <message>
      <location filename="../../ui/app.py" line="92" />
      <source>Inspector 备份 (*.inspbak *.db)</source>
      <translation>Inspector backups (*.inspbak *.db)</translation>
    </message>
    <message>
      <location filename="../../ui/app.py" line="98" />
      <source>不能用这个备份</source>
      <translation>This backup cannot be used</translation>
    </message>
  </context>
  <context>
    <name>backup</name>
    <message>
      <location filename="../../ui/backup_actions.py" line="25" />
      <source>备份到文件</source>
      <translation>Back up to file</translation>
    </message>
    <message>
      <location filename="../../ui/backup_actions.py" line="26" />
      <source>Inspector 备份 (*.inspbak)</source>
      <translation>Inspector backups (*.inspbak)</translation>
    </message>
    <message>
      <location filename="../../ui/backup_actions.py" line="44" />
      <source>正在备份…</source>
      <translation>Backing up…</translation>
    </message>
    <message>
      <source>正在备份：{0}</source>
      <translation type="vanished">Backing up: {0}</translation>
    </message>
    <message>
      <location filename="../../ui/backup_actions.py" line="40" />
      <source>没有生成备份：{0}</source>
      <translation>No backup was made: {0}</translation>
    </message>
    <message>
      <location filename="../../ui/backup_actions.py" line="41" />
      <source>备份失败</source>
      <translation>Backup failed</translation>
    </message>
    <message>
      <location filename="../../ui/backup_actions.py" line="35" />
      <source>已备份到“{0}”：数据库和 {1} 个附件。
请把它复制到另一个磁盘或 U 盘保存。</source>
      <translation>Backed up to “{0}”: the database and {1} attachments.
Copy it to another disk or a USB stick.</translation>
    </message>
    <message>
      <location filename="../../ui/backup_actions.py" line="37" />
      <source>已备份</source>
      <translation>Backed up</translation>
    </message>
    <message>
      <location filename="../../ui/backup_actions.py" line="53" />
      <source>从备份恢复</source>
      <translation>Restore from backup</translation>
    </message>
    <message>
      <location filename="../../ui/backup_actions.py" line="54" />
      <source>Inspector 备份 (*.inspbak *.db)</source>
      <translation>Inspector backups (*.inspbak *.db)</translation>
    </message>
    <message>
      <location filename="../../ui/backup_actions.py" line="61" />
      <source>不能用这个备份</source>
      <translation>This backup cannot be used</translation>
    </message>
    <message>
      <location filename="../../ui/backup_actions.py" line="63" />
      <source>用“{0}”替换当前数据库？
备份中有单位 {1} 家、隐患 {2} 条，最后修改于 {3}。
当前数据库会先保留在 backups 文件夹中。</source>
      <translation>Replace the current database with “{0}”?
The backup holds {1} sites and {2} findings, last changed {3}.
The current database is kept in the backups folder first.</translation>
    </message>
    <message>
      <location filename="../../ui/backup_actions.py" line="79" />
      <source>未能恢复</source>
      <translation>Not restored</translation>
    </message>
    <message>
      <location filename="../../ui/backup_actions.py" line="73" />
      <source>原数据库保留为“{0}”。</source>
      <translation>The previous database is kept as “{0}”.</translation>
    </message>
    <message>
      <location filename="../../ui/backup_actions.py" line="74" />
      <source>已从备份恢复，补回附件 {0} 个。{1}</source>
      <translation>Restored from the backup; {0} attachments put back. {1}</translation>
    </message>
    <message>
      <location filename="../../ui/backup_actions.py" line="76" />
      <source>已恢复</source>
      <translation>Restored</translation>
    </message>
  </context>
  <context>
    <name>vocabulary</name>
    <message>
      <location filename="../../ui/vocabulary.py" line="11" />
      <source>已登记</source>
      <translation>Registered</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="12" />
      <source>已下发整改</source>
      <translation>Order issued</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="13" />
      <source>整改中</source>
      <translation>Rectifying</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="14" />
      <source>待复查</source>
      <translation>Awaiting re-check</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="15" />
      <source>复查不合格</source>
      <translation>Re-check failed</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="16" />
      <source>已延期</source>
      <translation>Extended</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="17" />
      <source>复查合格</source>
      <translation>Re-check passed</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="18" />
      <source>已销号</source>
      <translation>Closed</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="19" />
      <source>登记隐患</source>
      <translation>Register finding</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="20" />
      <source>下发整改</source>
      <translation>Issue order</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="21" />
      <source>开始整改</source>
      <translation>Start rectification</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="22" />
      <source>整改反馈</source>
      <translation>Record feedback</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="23" />
      <source>复查</source>
      <translation>Re-check</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="24" />
      <source>延期</source>
      <translation>Extend</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="25" />
      <source>销号</source>
      <translation>Close out</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="26" />
      <source>重新打开</source>
      <translation>Reopen</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="27" />
      <source>人的不安全行为</source>
      <translation>Unsafe human behaviour</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="28" />
      <source>物的不安全状态</source>
      <translation>Unsafe condition of things</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="29" />
      <source>管理缺陷</source>
      <translation>Management defect</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="30" />
      <source>一般</source>
      <translation>Ordinary</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="31" />
      <source>重大</source>
      <translation>Major</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="32" />
      <source>目标和任务</source>
      <translation>Goals and tasks</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="33" />
      <source>方法和措施</source>
      <translation>Methods and measures</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="34" />
      <source>经费和物资</source>
      <translation>Funds and materials</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="35" />
      <source>机构和人员</source>
      <translation>Organisation and staff</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="36" />
      <source>时限和要求</source>
      <translation>Time limits and requirements</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="37" />
      <source>安全措施和应急预案</source>
      <translation>Safety measures and emergency plan</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="38" />
      <source>单位名称</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="39" />
      <source>统一社会信用代码</source>
      <translation>Unified social credit code</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="40" />
      <source>地址</source>
      <translation>Address</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="41" />
      <source>行业</source>
      <translation>Industry</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="42" />
      <source>街镇</source>
      <translation>Town</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="43" />
      <source>网格</source>
      <translation>Grid</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="44" />
      <source>法定代表人（负责人）</source>
      <translation>Legal representative</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="45" />
      <source>联系人</source>
      <translation>Contact</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="46" />
      <source>联系电话</source>
      <translation>Phone</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="47" />
      <source>风险等级</source>
      <translation>Risk level</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="48" />
      <source>红</source>
      <translation>Red</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="49" />
      <source>橙</source>
      <translation>Orange</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="50" />
      <source>黄</source>
      <translation>Yellow</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="51" />
      <source>蓝</source>
      <translation>Blue</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="52" />
      <source>未启动</source>
      <translation>Not started</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="53" />
      <source>推进中</source>
      <translation>In progress</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="54" />
      <source>已完成</source>
      <translation>Completed</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="55" />
      <source>滞后</source>
      <translation>Late</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="56" />
      <source>下发日期</source>
      <translation>Issued on</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="57" />
      <source>整改期限</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="58" />
      <source>文书号</source>
      <translation>Document no.</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="59" />
      <source>日期</source>
      <translation>Date</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="60" />
      <source>说明</source>
      <translation>Note</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="61" />
      <source>反馈日期</source>
      <translation>Reported on</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="62" />
      <source>整改措施</source>
      <translation>Measures</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="63" />
      <source>整改资金（元）</source>
      <translation>Funds (yuan)</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="64" />
      <source>整改后照片</source>
      <translation>Photos after</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="65" />
      <source>复查日期</source>
      <translation>Re-checked on</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="66" />
      <source>复查结论</source>
      <translation>Result</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="67" />
      <source>复查人员</source>
      <translation>Inspectors</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="68" />
      <source>复查意见</source>
      <translation>Opinion</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="69" />
      <source>新的整改期限（不合格时）</source>
      <translation>New deadline (if failed)</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="70" />
      <source>申请日期</source>
      <translation>Requested on</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="71" />
      <source>延期理由</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="72" />
      <source>延期至</source>
      <translation>New deadline</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="73" />
      <source>销号日期</source>
      <translation>Closed on</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="74" />
      <source>评估报告（重大隐患必附）</source>
      <translation>Assessment report (required for major hazards)</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="75" />
      <source>重新打开理由</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="76" />
      <source>发现日期</source>
      <translation>Found on</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="77" />
      <source>单位</source>
      <translation>Site</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="78" />
      <source>隐患描述</source>
      <translation>Description</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="79" />
      <source>等级</source>
      <translation>Grade</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="80" />
      <source>状态</source>
      <translation>Status</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="81" />
      <source>检查时间</source>
      <translation>Time</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="82" />
      <source>被检查单位</source>
      <translation>Site</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="83" />
      <source>类型</source>
      <translation>Type</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="84" />
      <source>检查表</source>
      <translation>Checklist</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="85" />
      <source>隐患数</source>
      <translation>Findings</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="86" />
      <source>期限</source>
      <translation>Deadline</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="87" />
      <source>理由</source>
      <translation>Reason</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="88" />
      <source>整改资金</source>
      <translation>Funds</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="89" />
      <source>结论</source>
      <translation>Result</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="90" />
      <source>人员</source>
      <translation>Inspectors</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="91" />
      <source>意见</source>
      <translation>Opinion</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="92" />
      <source>评估报告</source>
      <translation>Assessment report</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="93" />
      <source>照片</source>
      <translation>Photos</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="94" />
      <source>章节</source>
      <translation>Section</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="95" />
      <source>小节</source>
      <translation>Subsection</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="96" />
      <source>任务</source>
      <translation>Task</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="97" />
      <source>子任务</source>
      <translation>Sub-task</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="98" />
      <source>日常</source>
      <translation>Routine</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="99" />
      <source>专项</source>
      <translation>Special</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="100" />
      <source>举报</source>
      <translation>Complaint</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="101" />
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="102" />
      <source>执法证号</source>
      <translation>Certificate no.</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="103" />
      <source>所属单位</source>
      <translation>Unit</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="104" />
      <source>文书编号前缀（如“（普）应急”）</source>
      <translation>Document number prefix (e.g. （普）应急)</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="105" />
      <source>一季度进展</source>
      <translation>Q1 progress</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="106" />
      <source>二季度进展</source>
      <translation>Q2 progress</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="107" />
      <source>三季度进展</source>
      <translation>Q3 progress</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="108" />
      <source>四季度进展</source>
      <translation>Q4 progress</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="109" />
      <source>佐证材料</source>
      <translation>Evidence</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="110" />
      <source>完成情况</source>
      <translation>Completion note</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="111" />
      <source>部位</source>
      <translation>Place</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="112" />
      <source>（挂牌督办）</source>
      <translation> (listed)</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="113" />
      <source>类别</source>
      <translation>Category</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="114" />
      <source>依据</source>
      <translation>Legal basis</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="115" />
      <source>整改要求</source>
      <translation>Requirement</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="116" />
      <source>治理方案</source>
      <translation>Remediation plan</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="117" />
      <source>处理经过</source>
      <translation>History</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="118" />
      <source>检查记录</source>
      <translation>Inspections</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="119" />
      <source>隐患</source>
      <translation>Findings</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="120" />
      <source>责任单位</source>
      <translation>Responsible units</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="121" />
      <source>工作清单</source>
      <translation>Work plan</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="122" />
      <source>期间</source>
      <translation>Period</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="123" />
      <source>格式</source>
      <translation>Format</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="124" />
      <source>现场检查记录</source>
      <translation>Inspection record</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="125" />
      <source>整改通知书（指令书/意见书）</source>
      <translation>Rectification order / opinion</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="126" />
      <source>整改复查意见书</source>
      <translation>Re-check opinion</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="127" />
      <source>重大隐患治理情况记录</source>
      <translation>Major hazard record</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="128" />
      <source>隐患排查治理台账</source>
      <translation>Hazard ledger</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="129" />
      <source>任务落实情况表</source>
      <translation>Task progress table</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="130" />
      <source>一企一档</source>
      <translation>Site file</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="131" />
      <source>季度/半年统计表</source>
      <translation>Quarterly / half-year statistics</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="132" />
      <source>时间</source>
      <translation>Time</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="133" />
      <source>方向</source>
      <translation>Direction</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="134" />
      <source>对方</source>
      <translation>Peer</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="135" />
      <source>序号</source>
      <translation>No.</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="136" />
      <source>记录数</source>
      <translation>Records</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="137" />
      <source>文件</source>
      <translation>File</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="138" />
      <source>设备</source>
      <translation>Device</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="139" />
      <source>密钥指纹</source>
      <translation>Key fingerprint</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="140" />
      <source>已收到</source>
      <translation>Received</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="141" />
      <source>缺少</source>
      <translation>Missing</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="142" />
      <source>已发出</source>
      <translation>Sent</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="143" />
      <source>已确认</source>
      <translation>Acknowledged</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="144" />
      <source>表</source>
      <translation>Table</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="145" />
      <source>记录</source>
      <translation>Record</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="146" />
      <source>字段</source>
      <translation>Field</translation>
    </message>
    <message>
      <location filename="../../ui/vocabulary.py" line="147" />
      <source>并存的值</source>
      <translation>Concurrent values</translation>
    </message>
    <message>
      <source>签字</source>
      <translation>Signed</translation>
    </message>
    <message>
      <source>未整改</source>
      <translation>Open</translation>
    </message>
    <message>
      <source>上次检查</source>
      <translation>Last inspected</translation>
    </message>
    <message>
      <source>应检日期</source>
      <translation>Due on</translation>
    </message>
    <message>
      <source>计划名称</source>
      <translation>Plan</translation>
    </message>
    <message>
      <source>计划期间</source>
      <translation>Period</translation>
    </message>
    <message>
      <source>完成/计划</source>
      <translation>Done / planned</translation>
    </message>
    <message>
      <source>检查人员</source>
      <translation>Inspectors</translation>
    </message>
    <message>
      <source>计划完成日期</source>
      <translation>Target date</translation>
    </message>
    <message>
      <source>来源</source>
      <translation>Source</translation>
    </message>
    <message>
      <source>发文机关全称（空则为街镇或所属单位）</source>
      <translation>Issuing body, full name (empty: the town or own unit)</translation>
    </message>
    <message>
      <source>牵头单位</source>
      <translation>Lead units</translation>
    </message>
    <message>
      <source>配合单位</source>
      <translation>Supporting units</translation>
    </message>
  </context>
  <context>
    <name>widgets</name>
    <message>
      <location filename="../../ui/widgets.py" line="22" />
      <source>取消</source>
      <translation>Cancel</translation>
    </message>
    <message>
      <location filename="../../ui/widgets.py" line="34" />
      <source>已保存</source>
      <translation>Saved</translation>
    </message>
    <message>
      <location filename="../../ui/widgets.py" line="75" />
      <source>放弃填写的内容？</source>
      <translation>Discard what you typed?</translation>
    </message>
    <message>
      <location filename="../../ui/widgets.py" line="76" />
      <source>已填写的内容尚未保存，关闭后将丢失。确定放弃吗？</source>
      <translation>What you typed is not saved and will be lost. Discard it?</translation>
    </message>
  </context>
  <context>
    <name>window</name>
    <message>
      <source>已保存</source>
      <translation type="obsolete">Saved</translation>
    </message>
  </context>
  <context>
    <name>InspectorsDialog</name>
    <message>
      <source>检查人员</source>
      <translation>Inspectors</translation>
    </message>
    <message>
      <source>新增人员</source>
      <translation>New inspector</translation>
    </message>
    <message>
      <source>新人员：填写后按“保存”。</source>
      <translation>New inspector: fill in and press Save.</translation>
    </message>
    <message>
      <source>所属单位</source>
      <translation>Unit</translation>
    </message>
    <message>
      <source>姓名</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>在用（停用后不再供新检查选择，原有文书不变）</source>
      <translation>Active (an inactive inspector is not offered for new inspections; old documents stay as they are)</translation>
    </message>
    <message>
      <source>删除</source>
      <translation>Delete</translation>
    </message>
    <message>
      <source>关闭</source>
      <translation>Close</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>不能删除</source>
      <translation>Cannot delete</translation>
    </message>
    <message>
      <source>不能保存</source>
      <translation>Not saved</translation>
    </message>
    <message>
      <source> · 已停用</source>
      <translation> · inactive</translation>
    </message>
    <message>
      <source>由其他设备登记，只能在登记它的设备上修改。</source>
      <translation>Registered on another device; change it there.</translation>
    </message>
  </context>
  <context>
    <name>IssueOrdersDialog</name>
    <message>
      <source>本次检查中尚未下发整改的隐患将一并下发，各条隐患沿用登记时的整改期限。</source>
      <translation>Every finding of this inspection without an order gets one now; each keeps the deadline set when it was registered.</translation>
    </message>
    <message>
      <source>文书</source>
      <translation>Document</translation>
    </message>
    <message>
      <source>全部下发</source>
      <translation>Issue all</translation>
    </message>
    <message>
      <source>保存时自动编号</source>
      <translation>Numbered automatically</translation>
    </message>
    <message>
      <source>下发日期</source>
      <translation>Issued on</translation>
    </message>
    <message>
      <source>下发整改 — {0}</source>
      <translation>Issue orders — {0}</translation>
    </message>
    <message>
      <source>本次检查中尚未下发整改的隐患将一并下发，各条隐患沿用登记时的整改期限；期限已过的，按原定天数从下发日期起算。</source>
      <translation>Every finding of this inspection without an order gets one now, keeping the deadline set when it was registered; a deadline already past counts the same number of days from the date of issue.</translation>
    </message>
  </context>
  <context>
    <name>AssessDialog</name>
    <message>
      <source>风险评估：{0}</source>
      <translation>Risk assessment: {0}</translation>
    </message>
    <message>
      <source>固有危险（可多选）</source>
      <translation>Inherent hazards (choose any)</translation>
    </message>
    <message>
      <source>另用 LEC 法评价（从严取高）</source>
      <translation>Also assess by LEC (the higher level counts)</translation>
    </message>
    <message>
      <source>行业：</source>
      <translation>Industry:</translation>
    </message>
    <message>
      <source>L × E × C：</source>
      <translation>L × E × C:</translation>
    </message>
    <message>
      <source>评估人：</source>
      <translation>Assessed by:</translation>
    </message>
    <message>
      <source>评估日期：</source>
      <translation>Assessed on:</translation>
    </message>
    <message>
      <source>评估并保存</source>
      <translation>Assess and save</translation>
    </message>
  </context>
  <context>
    <name>FilterBox</name>
    <message>
      <source>（全部街镇）</source>
      <translation>(all towns)</translation>
    </message>
    <message>
      <source>行业包含…</source>
      <translation>Industry contains…</translation>
    </message>
    <message>
      <source>（不限专项）</source>
      <translation>(any campaign)</translation>
    </message>
  </context>
  <context>
    <name>FilterDialog</name>
    <message>
      <source>按条件加入单位</source>
      <translation>Add sites by criteria</translation>
    </message>
    <message>
      <source>筛选条件</source>
      <translation>Criteria</translation>
    </message>
    <message>
      <source>加入计划</source>
      <translation>Add to plan</translation>
    </message>
  </context>
  <context>
    <name>FrequencyDialog</name>
    <message>
      <source>检查频次</source>
      <translation>Inspection frequency</translation>
    </message>
    <message>
      <source> 个月</source>
      <translation> months</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
  </context>
  <context>
    <name>PlanDialog</name>
    <message>
      <source>新建检查计划</source>
      <translation>New inspection plan</translation>
    </message>
    <message>
      <source>{0}年第{1}季度监督检查计划</source>
      <translation>Inspection plan {0} Q{1}</translation>
    </message>
    <message>
      <source>季度</source>
      <translation>Quarter</translation>
    </message>
    <message>
      <source>月度</source>
      <translation>Month</translation>
    </message>
    <message>
      <source>年度</source>
      <translation>Year</translation>
    </message>
    <message>
      <source>下发给各街镇</source>
      <translation>Publish to the towns</translation>
    </message>
    <message>
      <source>计划名称：</source>
      <translation>Plan name:</translation>
    </message>
    <message>
      <source>计划类型：</source>
      <translation>Plan type:</translation>
    </message>
    <message>
      <source>计划期间：</source>
      <translation>Period:</translation>
    </message>
    <message>
      <source>新建</source>
      <translation>Create</translation>
    </message>
    <message>
      <source>（不指定）</source>
      <translation>(none)</translation>
    </message>
    <message>
      <source>检查表：</source>
      <translation>Checklist:</translation>
    </message>
  </context>
  <context>
    <name>PlansPage</name>
    <message>
      <source>风险分级</source>
      <translation>Risk grading</translation>
    </message>
    <message>
      <source>检查计划</source>
      <translation>Inspection plans</translation>
    </message>
    <message>
      <source>双随机抽查</source>
      <translation>Random draw</translation>
    </message>
    <message>
      <source>列出 </source>
      <translation>Due within </translation>
    </message>
    <message>
      <source> 天内到期</source>
      <translation> days</translation>
    </message>
    <message>
      <source>评估所选单位…</source>
      <translation>Assess selected site…</translation>
    </message>
    <message>
      <source>检查频次…</source>
      <translation>Inspection frequency…</translation>
    </message>
    <message>
      <source>待评估</source>
      <translation>Not assessed</translation>
    </message>
    <message>
      <source>逾期 {0} 天</source>
      <translation>{0} days overdue</translation>
    </message>
    <message>
      <source>今天到期</source>
      <translation>Due today</translation>
    </message>
    <message>
      <source>{0} 天后到期</source>
      <translation>Due in {0} days</translation>
    </message>
    <message>
      <source>从未检查</source>
      <translation>Never inspected</translation>
    </message>
    <message>
      <source>标准：{0}；频次（月）：{1}</source>
      <translation>Standard: {0}; frequency (months): {1}</translation>
    </message>
    <message>
      <source>新建计划…</source>
      <translation>New plan…</translation>
    </message>
    <message>
      <source>按条件加入单位…</source>
      <translation>Add sites by criteria…</translation>
    </message>
    <message>
      <source>打印计划表…</source>
      <translation>Print plan table…</translation>
    </message>
    <message>
      <source>导出抽查结果公示…</source>
      <translation>Export results for publication…</translation>
    </message>
    <message>
      <source>区下发</source>
      <translation>From the district</translation>
    </message>
    <message>
      <source>本级</source>
      <translation>Own</translation>
    </message>
    <message>
      <source>（新建本月双随机抽查计划）</source>
      <translation>(this month's random-draw plan)</translation>
    </message>
    <message>
      <source>双随机</source>
      <translation>Random draw</translation>
    </message>
    <message>
      <source>计划</source>
      <translation>Plan</translation>
    </message>
    <message>
      <source>已检查（{0}）</source>
      <translation>Inspected ({0})</translation>
    </message>
    <message>
      <source>逾期未检查</source>
      <translation>Overdue</translation>
    </message>
    <message>
      <source>未检查</source>
      <translation>Not yet inspected</translation>
    </message>
    <message>
      <source>请先选择计划</source>
      <translation>Choose a plan first</translation>
    </message>
    <message>
      <source>请先新建或选择一个检查计划。</source>
      <translation>Create or choose an inspection plan first.</translation>
    </message>
    <message>
      <source>不能加入</source>
      <translation>Cannot add</translation>
    </message>
    <message>
      <source>已加入</source>
      <translation>Added</translation>
    </message>
    <message>
      <source>已加入 {0} 家单位。</source>
      <translation>{0} sites added.</translation>
    </message>
    <message>
      <source>PDF 文件 (*.pdf);;Excel 文件 (*.xlsx)</source>
      <translation>PDF files (*.pdf);;Excel files (*.xlsx)</translation>
    </message>
    <message>
      <source>生成失败</source>
      <translation>Could not create the file</translation>
    </message>
    <message>
      <source>已生成</source>
      <translation>Created</translation>
    </message>
    <message>
      <source>打印计划表</source>
      <translation>Print plan table</translation>
    </message>
    <message>
      <source>导出抽查结果公示</source>
      <translation>Export results for publication</translation>
    </message>
    <message>
      <source>检查对象名录库的筛选条件</source>
      <translation>Which sites of the register</translation>
    </message>
    <message>
      <source>默认为抽取时间；也可填写事先公布的随机数</source>
      <translation>Default: the time of the draw; or a number announced beforehand</translation>
    </message>
    <message>
      <source>抽取单位数：</source>
      <translation>Sites to draw:</translation>
    </message>
    <message>
      <source>加入计划：</source>
      <translation>Into plan:</translation>
    </message>
    <message>
      <source>随机种子：</source>
      <translation>Seed:</translation>
    </message>
    <message>
      <source>抽取</source>
      <translation>Draw</translation>
    </message>
    <message>
      <source>保存抽取记录…</source>
      <translation>Save draw record…</translation>
    </message>
    <message>
      <source>复核抽取记录…</source>
      <translation>Verify a draw record…</translation>
    </message>
    <message>
      <source>不能抽取</source>
      <translation>Cannot draw</translation>
    </message>
    <message>
      <source>保存抽取记录</source>
      <translation>Save draw record</translation>
    </message>
    <message>
      <source>抽取记录 (*.json)</source>
      <translation>Draw records (*.json)</translation>
    </message>
    <message>
      <source>复核抽取记录</source>
      <translation>Verify a draw record</translation>
    </message>
    <message>
      <source>复核未通过</source>
      <translation>Verification failed</translation>
    </message>
    <message>
      <source>复核通过</source>
      <translation>Verified</translation>
    </message>
    <message>
      <source>按记录的输入重新抽取，结果与记录一致。</source>
      <translation>Re-run from the record's inputs: the result is the same.</translation>
    </message>
    <message>
      <source>落实区下发的计划</source>
      <translation>Adopt the district's plan</translation>
    </message>
    <message>
      <source>不能建立</source>
      <translation>Cannot create</translation>
    </message>
  </context>
  <context>
    <name>plans_dialogs</name>
    <message>
      <source>不能保存</source>
      <translation>Cannot save</translation>
    </message>
  </context>
  <context>
    <name>CampaignDialog</name>
    <message>
      <source>专项行动</source>
      <translation>Campaign</translation>
    </message>
    <message>
      <source>新建专项行动</source>
      <translation>New campaign</translation>
    </message>
    <message>
      <source>如：燃气安全专项整治</source>
      <translation>e.g. Gas safety campaign</translation>
    </message>
    <message>
      <source>（不指定）</source>
      <translation>(none)</translation>
    </message>
    <message>
      <source>用顿号分隔；不填为全区</source>
      <translation>Separate with 、; empty for the whole district</translation>
    </message>
    <message>
      <source>名称</source>
      <translation>Name</translation>
    </message>
    <message>
      <source>开始日期</source>
      <translation>Start date</translation>
    </message>
    <message>
      <source>结束日期</source>
      <translation>End date</translation>
    </message>
    <message>
      <source>检查表</source>
      <translation>Checklist</translation>
    </message>
    <message>
      <source>发布单位</source>
      <translation>Issued by</translation>
    </message>
    <message>
      <source>文号</source>
      <translation>Document no.</translation>
    </message>
    <message>
      <source>目标街镇</source>
      <translation>Target towns</translation>
    </message>
    <message>
      <source>目标行业</source>
      <translation>Target industries</translation>
    </message>
    <message>
      <source>风险等级</source>
      <translation>Risk level</translation>
    </message>
    <message>
      <source>说明</source>
      <translation>Note</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>不能保存</source>
      <translation>Cannot save</translation>
    </message>
  </context>
  <context>
    <name>DistrictPage</name>
    <message>
      <source>全部街镇</source>
      <translation>All towns</translation>
    </message>
    <message>
      <source>本街镇</source>
      <translation>This town</translation>
    </message>
    <message>
      <source>刷新</source>
      <translation>Refresh</translation>
    </message>
    <message>
      <source>打印统计表…</source>
      <translation>Print statistics…</translation>
    </message>
    <message>
      <source>导出 Excel…</source>
      <translation>Export to Excel…</translation>
    </message>
    <message>
      <source>考核权重…</source>
      <translation>Assessment weights…</translation>
    </message>
    <message>
      <source>从</source>
      <translation>From</translation>
    </message>
    <message>
      <source>至</source>
      <translation>to</translation>
    </message>
    <message>
      <source>街镇</source>
      <translation>Town</translation>
    </message>
    <message>
      <source>各街镇隐患与整改</source>
      <translation>Findings and rectification by town</translation>
    </message>
    <message>
      <source>按月趋势</source>
      <translation>Trend by month</translation>
    </message>
    <message>
      <source>专项整治</source>
      <translation>Campaigns</translation>
    </message>
    <message>
      <source>新建专项…</source>
      <translation>New campaign…</translation>
    </message>
    <message>
      <source>修改…</source>
      <translation>Edit…</translation>
    </message>
    <message>
      <source>删除</source>
      <translation>Delete</translation>
    </message>
    <message>
      <source>登记旧名称</source>
      <translation>Register old names</translation>
    </message>
    <message>
      <source>打印进展…</source>
      <translation>Print progress…</translation>
    </message>
    <message>
      <source>无法统计</source>
      <translation>Cannot count</translation>
    </message>
    <message>
      <source>一般隐患</source>
      <translation>Ordinary</translation>
    </message>
    <message>
      <source>重大隐患</source>
      <translation>Major</translation>
    </message>
    <message>
      <source>已整改</source>
      <translation>Rectified</translation>
    </message>
    <message>
      <source>检查次数</source>
      <translation>Inspections</translation>
    </message>
    <message>
      <source>发现隐患</source>
      <translation>Found</translation>
    </message>
    <message>
      <source>计划检查数来自监督检查计划；尚无计划时显示“—”。</source>
      <translation>Planned inspections come from the inspection plans; “—” until there is a plan.</translation>
    </message>
    <message>
      <source> 有 {0} 个旧版本填写的专项名称尚未登记（{1}）。</source>
      <translation> {0} campaign names typed in an older version are not registered yet ({1}).</translation>
    </message>
    <message>
      <source>无法生成</source>
      <translation>Cannot generate</translation>
    </message>
    <message>
      <source>正在生成…</source>
      <translation>Generating…</translation>
    </message>
    <message>
      <source>已生成：{0}</source>
      <translation>Written: {0}</translation>
    </message>
    <message>
      <source>删除专项行动</source>
      <translation>Delete campaign</translation>
    </message>
    <message>
      <source>删除“{0}”？已有的检查和隐患仍保留。</source>
      <translation>Delete “{0}”? Its inspections and findings are kept.</translation>
    </message>
    <message>
      <source>已登记 {0} 个旧版本填写的专项名称。</source>
      <translation>Registered {0} campaign names typed in an older version.</translation>
    </message>
    <message>
      <source>打印进展</source>
      <translation>Print progress</translation>
    </message>
    <message>
      <source>请先在列表中选择一个专项行动。</source>
      <translation>Choose a campaign in the list first.</translation>
    </message>
  </context>
  <context>
    <name>WeightsDialog</name>
    <message>
      <source>考核权重</source>
      <translation>Assessment weights</translation>
    </message>
    <message>
      <source>保存</source>
      <translation>Save</translation>
    </message>
    <message>
      <source>不能保存</source>
      <translation>Cannot save</translation>
    </message>
  </context>
  <context>
    <name>_Chart</name>
    <message>
      <source>没有数据</source>
      <translation>No data</translation>
    </message>
  </context>
  <context>
    <name>PdfPreview</name>
    <message>
      <location filename="../../inspector/ui/pdf_preview.py" line="1" />
      <source>上一处</source>
      <translation>Previous match</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/pdf_preview.py" line="1" />
      <source>上一页</source>
      <translation>Previous page</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/pdf_preview.py" line="1" />
      <source>下一处</source>
      <translation>Next match</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/pdf_preview.py" line="1" />
      <source>下一页</source>
      <translation>Next page</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/pdf_preview.py" line="1" />
      <source>放大</source>
      <translation>Zoom in</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/pdf_preview.py" line="1" />
      <source>未安装 PDF 预览组件（PySide6-Pdf），无法在窗口内预览。请用“用系统程序打开”查看，或重新运行安装脚本。</source>
      <translation>The PDF preview component (PySide6-Pdf) is not installed, so the document cannot be shown here. Use “Open in viewer”, or run the set-up script again.</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/pdf_preview.py" line="1" />
      <source>未找到</source>
      <translation>Not found</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/pdf_preview.py" line="1" />
      <source>查找文字…</source>
      <translation>Find text…</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/pdf_preview.py" line="1" />
      <source>第 {0} / {1} 处</source>
      <translation>Match {0} of {1}</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/pdf_preview.py" line="1" />
      <source>缩小</source>
      <translation>Zoom out</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/pdf_preview.py" line="1" />
      <source>适合宽度</source>
      <translation>Fit width</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/pdf_preview.py" line="1" />
      <source>页码</source>
      <translation>Page number</translation>
    </message>
    <message>
      <location filename="../../inspector/ui/pdf_preview.py" line="1" />
      <source>页面适合窗口宽度</source>
      <translation>Fit the page to the window's width</translation>
    </message>
  </context>
</TS>
