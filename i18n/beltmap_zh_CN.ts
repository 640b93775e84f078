<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
 <context>
  <name>BeltMap</name>
  <message>
   <source>'{}' ({} zones; did you mean '{}'?)</source>
   <translation>“{}”（{} 个区域；是否应为“{}”？）</translation>
  </message>
  <message>
   <source>'{}': {} zones (nearest known type: {})</source>
   <translation>“{}”：{} 个区域（最接近的已知类型：{}）</translation>
  </message>
  <message>
   <source>(no category)</source>
   <translation>（无类别）</translation>
  </message>
  <message>
   <source>(none)</source>
   <translation>（无）</translation>
  </message>
  <message>
   <source>(nothing given)</source>
   <translation>（未提供）</translation>
  </message>
  <message>
   <source>, about {:.1f} MB needed</source>
   <translation>，约需 {:.1f} MB</translation>
  </message>
  <message>
   <source>- {}: {} Fix: {}</source>
   <translation>- {}：{} 修复：{}</translation>
  </message>
  <message>
   <source>. Free some space or choose another folder.</source>
   <translation>。请清理磁盘空间或选择其他文件夹。</translation>
  </message>
  <message>
   <source>: {:.1f} MB free there</source>
   <translation>，该处剩余 {:.1f} MB</translation>
  </message>
  <message>
   <source>&lt;h3&gt;Checks&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Errors&lt;/b&gt; (tagging and export stop on them unless IGNORE_VALIDATION): wrong geometry type for the role, missing CRS, empty belt or zones layer, NULL/empty/invalid belt or zone geometries, zone types missing or unknown (with the nearest known type), duplicate zone ids, and sites that look like GCJ-02/BD-09 web-map coordinates used as WGS84 (moving them back puts markedly more inside the belt or onto the roads).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Warnings&lt;/b&gt;: zones outside the belt, overlapping zones of the same type, sites outside the belt, duplicate sites (same name within 10 m), NULL or empty site/road geometries, garbled text (乱码, U+FFFD), field names a shapefile would cut (over 10 bytes), missing name/id fields, a belt area far from the expected 10 km².&lt;/li&gt;&lt;li&gt;&lt;b&gt;Notes&lt;/b&gt;: geographic CRS (areas are measured in EPSG:4549).&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Shapefiles without a .cpg are read with their detected encoding (GBK or UTF-8). The inputs are only read.&lt;/p&gt;</source>
   <translation>&lt;h3&gt;检查项&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;错误&lt;/b&gt;（除非设置 IGNORE_VALIDATION，标注和导出遇到错误都会停止）：几何类型与图层用途不符、缺少坐标参考系、实践带或区域图层为空、实践带或区域几何为 NULL/空/无效、区域类型缺失或未知（附最接近的已知类型）、区域编号重复，以及点位疑似把 GCJ-02/BD-09 网络地图坐标当作 WGS84 使用（纠偏后明显有更多点位落入实践带内或道路上）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;警告&lt;/b&gt;：区域位于实践带之外、同类型区域相互重叠、点位位于实践带之外、重复点位（10 m 内同名）、点位/道路几何为 NULL 或为空、文字乱码（U+FFFD）、shapefile 会截断的字段名（超过 10 个字节）、缺少名称/编号字段、实践带面积与预期的 10 km² 相差很大。&lt;/li&gt;&lt;li&gt;&lt;b&gt;提示&lt;/b&gt;：地理坐标参考系（面积在 EPSG:4549 中量算）。&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;没有 .cpg 文件的 shapefile 按检测到的编码（GBK 或 UTF-8）读取。输入数据只读不改。&lt;/p&gt;</translation>
  </message>
  <message>
   <source>&lt;h3&gt;Matching the ends&lt;/h3&gt;&lt;p&gt;Each end of a link is looked up among the sites, then the partners: first by KEY_FIELD, else by NAME_FIELD after normalising (Unicode NFKC, so full-width letters and digits match; spaces removed; case folded). Nothing is guessed: a key or name shared by two firms is &lt;i&gt;ambiguous&lt;/i&gt;, an unknown one &lt;i&gt;not found&lt;/i&gt;, a link from a firm to itself &lt;i&gt;self&lt;/i&gt;, a firm without geometry &lt;i&gt;no position&lt;/i&gt;. Those rows go to UNMATCHED with their row number (the header is row 1), the reason and a detail; blank rows are skipped and counted (EMPTY_ROWS).&lt;/p&gt;&lt;h3&gt;Measures&lt;/h3&gt;&lt;p&gt;Per link: the straight-line length in metres in EPSG:4549 (distance_m), the zone and zone type of both ends (the tagging engine's priority rule), whether both ends are in the belt (in_belt) and the cross type (e.g. 园区 → 社区). Lines are drawn as gentle arcs bending to the left of their direction, so a link and its reverse never overlap; the first and last vertex are the two firms.&lt;/p&gt;&lt;p&gt;Per leader (the leader at either end of a link): one row over all chains (chain empty), one row per chain, and with since (or the year of signed) one row per year: partners linked by the end of that year, how many were new, how many are in the belt. Columns: links, partners, inside, inside_share, within_&amp;lt;R&amp;gt;km, median_m, zones_reached, zones, zone_types, n_&amp;lt;relation&amp;gt;. INSIDE_SHARE is, over every leader's partners counted once, the share in the belt.&lt;/p&gt;</source>
   <translation>&lt;h3&gt;两端匹配&lt;/h3&gt;&lt;p&gt;每条联系的两端先在点位中查找，再在合作企业中查找：先按 KEY_FIELD，否则按规范化后的 NAME_FIELD（Unicode NFKC，全角字母和数字可匹配；去除空格；忽略大小写）。不做任何猜测：两家企业共用的编号或名称为&lt;i&gt;有歧义&lt;/i&gt;，未知的为&lt;i&gt;未找到&lt;/i&gt;，企业指向自身的联系为&lt;i&gt;自身&lt;/i&gt;，没有几何的企业为&lt;i&gt;无位置&lt;/i&gt;。这些行连同行号（表头为第 1 行）、原因和说明写入 UNMATCHED；空行被跳过并计数（EMPTY_ROWS）。&lt;/p&gt;&lt;h3&gt;测算&lt;/h3&gt;&lt;p&gt;每条联系：EPSG:4549 下以米计的直线长度（distance_m）、两端的区域及区域类型（按标注引擎的优先规则）、两端是否都在实践带内（in_belt）以及跨区类型（如 园区 → 社区）。线画成向行进方向左侧弯曲的平缓弧线，一条联系与其反向联系不会重叠；首末顶点即两家企业。&lt;/p&gt;&lt;p&gt;按链主（链主位于联系任一端）：所有产业链合计一行（chain 为空），每条产业链一行，有 since（或 signed 的年份）时每年一行：截至该年末已建立联系的合作企业、新增数量、位于实践带内的数量。列：links、partners、inside、inside_share、within_&amp;lt;R&amp;gt;km、median_m、zones_reached、zones、zone_types、n_&amp;lt;relation&amp;gt;。INSIDE_SHARE 为全部链主的合作企业（每家只计一次）中位于实践带内的比例。&lt;/p&gt;</translation>
  </message>
  <message>
   <source>&lt;h3&gt;Rules&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;A feature belongs to every zone it &lt;i&gt;intersects&lt;/i&gt;: a point on a zone boundary belongs to that zone; a point on the shared edge of two zones gets both in &lt;code&gt;zone_types&lt;/code&gt; and one &lt;code&gt;zone_type&lt;/code&gt; chosen by the rule. No feature is ever dropped or duplicated: the output has every input feature exactly once, with all its attributes.&lt;/li&gt;&lt;li&gt;&lt;b&gt;priority&lt;/b&gt;: the zone whose type comes first in PRIORITY; &lt;b&gt;smallest&lt;/b&gt;: the smallest zone (the most specific); &lt;b&gt;largest_overlap&lt;/b&gt;: the zone holding the longest part of a line or the largest part of a polygon (points fall back to priority). Overlaps equal to the millimetre (mm²) are ties.&lt;/li&gt;&lt;li&gt;Ties are broken by PRIORITY, then the smaller area, then zone_id (numbers by value): the same input gives the same output whatever the feature order.&lt;/li&gt;&lt;li&gt;Zones in another CRS than the input are transformed to the input's CRS for matching; areas and overlaps are measured in metres in EPSG:4549 (CGCS2000 / 3-degree GK CM 120E) near the belt, else in the WGS 84 UTM zone of the zones.&lt;/li&gt;&lt;li&gt;Invalid zone polygons (self-intersections, bowties) are repaired with makeValid, each repair is logged with the zone id, whatever the invalid-geometry setting; zones without a geometry are logged too. No zone is skipped silently.&lt;/li&gt;&lt;li&gt;Features with NULL or empty geometry are kept with NULL tags and counted (NULL_GEOMETRY_COUNT, also in UNTAGGED_COUNT).&lt;/li&gt;&lt;li&gt;Existing fields named like the tag fields are replaced, not duplicated. Z, M and multi-part geometries are kept as they are.&lt;/li&gt;&lt;li&gt;Zone types may be keys, Chinese names or aliases (园区, 社区, expo…). Unknown values stop the algorithm with a list of each value, how many zones carry it and the nearest key, unless UNKNOWN_AS names the type to use for them.&lt;/li&gt;&lt;li&gt;Validation first: before tagging, the error-level checks of beltmap:validate run on ZONES, BELT and, when INPUT holds points, the first 5,000 sites: layer geometry types, missing CRS, empty zones or belt layer, duplicate zone ids, and sites that look like GCJ-02/BD-09 coordinates (needs BELT). The algorithm stops with the report's message when any is found, unless IGNORE_VALIDATION is set. Zone types and invalid geometries are handled by the rules above.&lt;/li&gt;&lt;li&gt;Speed: a whole GeoPackage layer (no filter, no selection) of 2,000 features or more, written to a GeoPackage file, is tagged by a vectorised path (shapely 2 and pyogrio, when QGIS's Python has them, run in a separate Python process) giving the same result as the feature-by-feature path; the log says which path ran and why. Cancel stops either path within a second.&lt;/li&gt;&lt;li&gt;In the database: when INPUT, ZONES (and BELT) are whole tables of one PostGIS database and OUTPUT is a table of that database or a GeoPackage file, the tagging runs there as SQL in one transaction, with the same tags; a PostGIS output table is created with a primary key, a spatial index and a comment naming the run, and an existing one is replaced only with OVERWRITE. Cancel cancels the query in the server: nothing is left behind.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Fields added&lt;/h3&gt;&lt;p&gt;zone_type (区域类型), zone_id (区域编号), zone_name (区域名称), zone_types (所属区域类型: keys joined by ';' in priority order), zone_count (区域数), in_belt (位于实践带内: 1 inside or on the belt boundary, 0 outside, NULL without BELT).&lt;/p&gt;</source>
   <translation>&lt;h3&gt;规则&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;要素属于与其&lt;i&gt;相交&lt;/i&gt;的每一个区域：位于区域边界上的点属于该区域；位于两个区域共用边界上的点，两者都会记入 &lt;code&gt;zone_types&lt;/code&gt;，并按规则选出一个 &lt;code&gt;zone_type&lt;/code&gt;。任何要素都不会被丢弃或重复：输出中每个输入要素恰好出现一次，并保留全部属性。&lt;/li&gt;&lt;li&gt;&lt;b&gt;priority&lt;/b&gt;：取类型在 PRIORITY 中最靠前的区域；&lt;b&gt;smallest&lt;/b&gt;：取面积最小（最具体）的区域；&lt;b&gt;largest_overlap&lt;/b&gt;：取包含线的最长部分或面的最大部分的区域（点按 priority 处理）。重叠量在毫米（mm²）精度内相等即视为并列。&lt;/li&gt;&lt;li&gt;并列时依次按 PRIORITY、面积较小者、zone_id（数字按数值比较）裁决：无论要素顺序如何，相同输入总得到相同输出。&lt;/li&gt;&lt;li&gt;与输入坐标参考系不同的区域会先转换到输入的坐标参考系再匹配；面积和重叠量以米为单位量算：在实践带附近使用 EPSG:4549（CGCS2000 / 3-degree GK CM 120E），否则使用区域所在的 WGS 84 UTM 投影带。&lt;/li&gt;&lt;li&gt;无效的区域多边形（自相交、蝴蝶结形）用 makeValid 修复；无论无效几何的设置如何，每次修复都连同区域编号记入日志；没有几何图形的区域也会记入日志。不会静默跳过任何区域。&lt;/li&gt;&lt;li&gt;几何为 NULL 或为空的要素会保留，标注字段为 NULL，并计入 NULL_GEOMETRY_COUNT（也计入 UNTAGGED_COUNT）。&lt;/li&gt;&lt;li&gt;与标注字段同名的已有字段会被替换，而不会重复添加。Z、M 值和多部件几何保持原样。&lt;/li&gt;&lt;li&gt;区域类型可以是键、中文名称或别名（园区、社区、expo…）。遇到未知值时算法停止，并列出每个值、使用该值的区域数及最接近的键，除非用 UNKNOWN_AS 指定了这些值所用的类型。&lt;/li&gt;&lt;li&gt;先校验：标注之前，会对 ZONES、BELT 以及（INPUT 为点图层时）前 5,000 个点位运行 beltmap:validate 中错误级别的检查：图层几何类型、缺少坐标参考系、区域或实践带图层为空、区域编号重复，以及疑似 GCJ-02/BD-09 坐标的点位（需要 BELT）。发现任何一项时算法停止并给出报告信息，除非设置了 IGNORE_VALIDATION。区域类型和无效几何按上述规则处理。&lt;/li&gt;&lt;li&gt;速度：要素数达到 2,000 个的整个 GeoPackage 图层（无过滤、无选择），输出写入 GeoPackage 文件时，采用向量化路径标注（QGIS 的 Python 具备 shapely 2 和 pyogrio 时，在单独的 Python 进程中运行），结果与逐要素路径相同；日志会说明采用了哪种路径及原因。取消操作可在一秒内停止任一路径。&lt;/li&gt;&lt;li&gt;在数据库中运行：当 INPUT、ZONES（及 BELT）是同一 PostGIS 数据库中的整表，且 OUTPUT 是该数据库中的表或 GeoPackage 文件时，标注在数据库中以 SQL 在一个事务内完成，结果相同；PostGIS 输出表带有主键、空间索引和注明本次运行的注释，已有的同名表只有在 OVERWRITE 时才会被替换。取消操作会在服务器中取消查询：不留下任何内容。&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;新增字段&lt;/h3&gt;&lt;p&gt;zone_type（区域类型）、zone_id（区域编号）、zone_name（区域名称）、zone_types（所属区域类型：按优先级顺序以 ';' 连接的键）、zone_count（区域数）、in_belt（位于实践带内：在实践带边界内或边界上为 1，之外为 0，未提供 BELT 时为 NULL）。&lt;/p&gt;</translation>
  </message>
  <message>
   <source>&lt;h3&gt;What is detected&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;Text encoding: UTF-8, UTF-8 with BOM (Excel's 'CSV UTF-8'), GBK/GB18030 (Excel's CSV on a Chinese Windows); delimiter: comma, tab, semicolon or |. XLSX: the first sheet unless SHEET is given.&lt;/li&gt;&lt;li&gt;Coordinate columns by name (lon, lng, longitude, x, 经度 / lat, latitude, y, 纬度), or one column holding 'lon,lat' (location, 经纬度, 坐标; 'lat,lon' order is recognised in China).&lt;/li&gt;&lt;li&gt;Decimal degrees, degrees-minutes-seconds (121°10′30″, 121度10分30秒), full-width digits, hemisphere letters and degree signs.&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;GCJ-02 and BD-09&lt;/h3&gt;&lt;p&gt;Coordinates copied from AMap, Tencent (GCJ-02) or Baidu (BD-09) are shifted by about 500 m in Anting. They are converted to WGS84 with the iterative inverse of the published forward transform (round trip below 1 mm); BD-09 goes through GCJ-02. The published transform is itself an &lt;b&gt;approximation&lt;/b&gt; of an unpublished official one, good to about a metre; outside China it applies no offset. The field &lt;code&gt;coord_src&lt;/code&gt; records the source system of every site, &lt;code&gt;src_row&lt;/code&gt; its row in the file.&lt;/p&gt;&lt;h3&gt;Rejected rows&lt;/h3&gt;&lt;p&gt;Missing, non-numeric, swapped (latitude in the longitude column) or out-of-range coordinates go to ERRORS with the row number as a spreadsheet shows it (the header is row 1) and are counted in REJECTED. The input file is only read.&lt;/p&gt;</source>
   <translation>&lt;h3&gt;自动识别的内容&lt;/h3&gt;&lt;ul&gt;&lt;li&gt;文本编码：UTF-8、带 BOM 的 UTF-8（Excel 的“CSV UTF-8”）、GBK/GB18030（中文 Windows 上 Excel 保存的 CSV）；分隔符：逗号、制表符、分号或 |。XLSX：读取第一个工作表，除非指定了 SHEET。&lt;/li&gt;&lt;li&gt;按列名识别坐标列（lon、lng、longitude、x、经度 / lat、latitude、y、纬度），或识别存放 'lon,lat' 的单列（location、经纬度、坐标；在中国范围内也能识别 'lat,lon' 顺序）。&lt;/li&gt;&lt;li&gt;十进制度、度分秒（121°10′30″、121度10分30秒）、全角数字、半球字母和度符号。&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;GCJ-02 与 BD-09&lt;/h3&gt;&lt;p&gt;从高德、腾讯（GCJ-02）或百度（BD-09）复制的坐标在安亭一带偏移约 500 m。插件用公开正向变换的迭代逆算将其转换为 WGS84（往返误差小于 1 mm）；BD-09 先转换为 GCJ-02。公开的变换本身只是未公开的官方变换的&lt;b&gt;近似&lt;/b&gt;，精度约 1 米；在中国境外不施加偏移。字段 &lt;code&gt;coord_src&lt;/code&gt; 记录每个点位的源坐标系，&lt;code&gt;src_row&lt;/code&gt; 记录其在文件中的行号。&lt;/p&gt;&lt;h3&gt;被拒绝的行&lt;/h3&gt;&lt;p&gt;坐标缺失、非数值、经纬度颠倒（纬度位于经度列）或超出范围的行会写入 ERRORS，行号与电子表格中显示的一致（表头为第 1 行），并计入 REJECTED。输入文件只读不改。&lt;/p&gt;</translation>
  </message>
  <message>
   <source>&lt;p&gt;&lt;b&gt;Indicators&lt;/b&gt; (the indicator column of TARGETS): &lt;code&gt;sites&lt;/code&gt; (count), &lt;code&gt;sites:&amp;lt;category&amp;gt;&lt;/code&gt; (e.g. sites:enterprise, any category of the site table), &lt;code&gt;density&lt;/code&gt; (sites per km²), &lt;code&gt;cov&amp;lt;R&amp;gt;&lt;/code&gt; (e.g. cov500: percent, 0–100, of the scope's sites within R metres' walk of a service station: along the roads where the year has roads, else straight line × 1.3; a year without a station covers 0 %), &lt;code&gt;walk_mean&lt;/code&gt; (mean metres to the nearest station; lower is better), &lt;code&gt;index&lt;/code&gt; (the evaluation index score on one scale pooled over all the years: the same indicators, weights and reference points for every year) and the evaluation index's own indicators &lt;code&gt;d_svc&lt;/code&gt;, &lt;code&gt;d_enterp&lt;/code&gt;, &lt;code&gt;d_facil&lt;/code&gt;, &lt;code&gt;cov500&lt;/code&gt;, &lt;code&gt;walk&lt;/code&gt;, &lt;code&gt;lum&lt;/code&gt;. With packages exported with LINKS (maps/chains/): &lt;code&gt;chain_inside:&amp;lt;leader&amp;gt;&lt;/code&gt; (percent, 0–100, of the leader's partners inside the belt) and &lt;code&gt;chain_within&amp;lt;R&amp;gt;:&amp;lt;leader&amp;gt;&lt;/code&gt; (e.g. chain_within5:S001: percent of its partners within R km), the leader named by its site_id or name, scope &lt;code&gt;belt&lt;/code&gt; only; a year without links has no value (unable to assess).&lt;/p&gt;&lt;p&gt;&lt;b&gt;Scopes&lt;/b&gt; (the scope column): &lt;code&gt;belt&lt;/code&gt; / 全带 (the sites inside the belt boundary; without a belt layer, inside any zone), a &lt;code&gt;zone_id&lt;/code&gt;, or a zone type (key or Chinese name, e.g. park / 园区: all zones of that type together).&lt;/p&gt;&lt;p&gt;&lt;b&gt;The progress rule.&lt;/b&gt; For each target: baseline b at year t0 (baseline_year, else the first year), latest value x at the last year t, target T due in target_year, direction d (+1 increase, −1 decrease; default increase unless the target is below the baseline). &lt;i&gt;Achieved&lt;/i&gt; (已达成) when d·(x − target) ≥ 0. Otherwise &lt;i&gt;unable to assess&lt;/i&gt; (无法评估) when t = t0 or a value is missing; else the expected value on the straight path from baseline to target is e = b + (target − b)·(t − t0)/(target_year − t0) and R = (x − b)/(e − b): R ≥ 0.95 &lt;i&gt;on track&lt;/i&gt; (按期推进), 0.6 ≤ R &amp;lt; 0.95 &lt;i&gt;acceleration needed&lt;/i&gt; (需加快), 0 ≤ R &amp;lt; 0.6 &lt;i&gt;limited&lt;/i&gt; (进展有限), R &amp;lt; 0 &lt;i&gt;deterioration&lt;/i&gt; (倒退). METHOD=growth uses Open SDG's compound growth rates with the same thresholds. A zone's status is the worst of its targets (its own, else its zone type's).&lt;/p&gt;&lt;p&gt;Years are sorted by their label: the manifest's label (exportpackage LABEL), else a four-digit year in the file or folder name, else LABELS. Two years with the same label are refused. Bad input (an unknown indicator or scope, a target that is not a number, a target_year not after the baseline, one year only, missing columns) stops the run with a message naming the row or the file, and nothing is written.&lt;/p&gt;</source>
   <translation>&lt;p&gt;&lt;b&gt;指标&lt;/b&gt;（TARGETS 的 indicator 列）：&lt;code&gt;sites&lt;/code&gt;（点位数），&lt;code&gt;sites:&amp;lt;category&amp;gt;&lt;/code&gt;（如 sites:enterprise，点位表中的任一类别），&lt;code&gt;density&lt;/code&gt;（每平方千米点位数），&lt;code&gt;cov&amp;lt;R&amp;gt;&lt;/code&gt;（如 cov500：范围内点位中步行 R 米可达党群服务站的百分比，0–100；该年份有道路时沿道路计算，否则取直线 × 1.3；没有服务站的年份覆盖率为 0 %），&lt;code&gt;walk_mean&lt;/code&gt;（到最近服务站的平均距离，米；越低越好），&lt;code&gt;index&lt;/code&gt;（综合评价指数得分，所有年份合并为统一尺度：各年份使用相同的指标、权重和参考点），以及评价指数自身的指标 &lt;code&gt;d_svc&lt;/code&gt;、&lt;code&gt;d_enterp&lt;/code&gt;、&lt;code&gt;d_facil&lt;/code&gt;、&lt;code&gt;cov500&lt;/code&gt;、&lt;code&gt;walk&lt;/code&gt;、&lt;code&gt;lum&lt;/code&gt;。成果包导出时带 LINKS（maps/chains/）时还可用：&lt;code&gt;chain_inside:&amp;lt;leader&amp;gt;&lt;/code&gt;（链主的合作企业位于实践带内的百分比，0–100）和 &lt;code&gt;chain_within&amp;lt;R&amp;gt;:&amp;lt;leader&amp;gt;&lt;/code&gt;（如 chain_within5:S001：其合作企业位于 R 千米以内的百分比），链主以其 site_id 或名称指定，范围只能为 &lt;code&gt;belt&lt;/code&gt;；没有产业链联系的年份无数值（无法评估）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;范围&lt;/b&gt;（scope 列）：&lt;code&gt;belt&lt;/code&gt; / 全带（实践带边界内的点位；没有实践带图层时为任一区域内的点位），一个 &lt;code&gt;zone_id&lt;/code&gt;，或一种区域类型（键或中文名，如 park / 园区：该类型的全部区域合计）。&lt;/p&gt;&lt;p&gt;&lt;b&gt;进展规则。&lt;/b&gt;对每项目标：基准年 t0（baseline_year，否则为第一个年份）的基准值 b，最后年份 t 的最新值 x，target_year 到期的目标值 T，方向 d（+1 提高，−1 降低；除非目标低于基准值，默认为提高）。当 d·(x − target) ≥ 0 时为&lt;i&gt;已达成&lt;/i&gt;。否则当 t = t0 或缺少数值时为&lt;i&gt;无法评估&lt;/i&gt;；否则从基准值到目标值的直线路径上的期望值为 e = b + (target − b)·(t − t0)/(target_year − t0)，R = (x − b)/(e − b)：R ≥ 0.95 为&lt;i&gt;按期推进&lt;/i&gt;，0.6 ≤ R &amp;lt; 0.95 为&lt;i&gt;需加快&lt;/i&gt;，0 ≤ R &amp;lt; 0.6 为&lt;i&gt;进展有限&lt;/i&gt;，R &amp;lt; 0 为&lt;i&gt;倒退&lt;/i&gt;。METHOD=growth 使用 Open SDG 的复合增长率方法，阈值相同。区域的状态取其各项目标中最差的一项（先取其自身的目标，否则取其区域类型的目标）。&lt;/p&gt;&lt;p&gt;年份按标签排序：成果包清单的 label（exportpackage LABEL），否则为文件或文件夹名中的四位年份，否则为 LABELS。两个年份标签相同将被拒绝。输入有误（未知指标或范围、目标值不是数字、目标年份不晚于基准年份、只有一个年份、缺少列）时运行停止，提示指出所在行或文件，且不写出任何内容。&lt;/p&gt;</translation>
  </message>
  <message>
   <source>&lt;p&gt;&lt;b&gt;The indicators are a starting point, not the official index.&lt;/b&gt; The official index's indicators are not public. The built-in set is a documented starting point based on the Shanghai 15-minute community life circle guideline (2016) and the literature on industry-city integration: site density per category (per km²), service coverage rate within 500 m, mean walk to the nearest service station (cost), land-use mix LUM = -Σ p ln p / ln K over site categories, and job-housing balance JHB = 1 - |J - W| / (J + W) where the sites have jobs and workers fields. Planners set their own indicators and weights in a JSON file (INDICATORS; YAML when PyYAML is installed) or add one QGIS expression here.&lt;/p&gt;&lt;p&gt;Indicator file: &lt;code&gt;{"indicators": [{"key": "d_svc", "kind": "density", "category": "service_station", "direction": "benefit", "weight": 0.3}, {"key": "green", "kind": "expression", "expression": "\"area\"", "aggregate": "sum", "direction": "benefit"}]}&lt;/code&gt;. Kinds: density (category), coverage (radius), walk, lum (over: category or zone_type), jhb (jobs, workers), expression (expression, aggregate: sum, mean, count, min, max, median). Keys: up to 8 lowercase ASCII characters.&lt;/p&gt;&lt;p&gt;Normalisation: benefit (x - min)/(max - min), cost (max - x)/(max - min); an indicator with the same value everywhere gets weight 0 and a warning. A value that is undefined in a unit (a rate in a unit without sites) gets the worst value seen, with a warning. Entropy weights: p = x' / Σx', e = -(1/ln n) Σ p ln p, w = (1 - e)/Σ(1 - e); indicators with a fixed weight keep it and the others share the rest by entropy. Score S = 100 Σ w x'; TOPSIS C = D- / (D+ + D-) on the weighted normalised matrix. Grades on S: 1 优 ≥ 80, 2 良 ≥ 60, 3 中 ≥ 40, 4 较差 ≥ 20, 5 差 below. At least two units are needed.&lt;/p&gt;</source>
   <translation>&lt;p&gt;&lt;b&gt;这些指标只是起点，并非官方指数。&lt;/b&gt;官方指数的指标并未公开。内置指标集是一套有文档说明的起点，依据《上海市15分钟社区生活圈规划导则》（2016）及产城融合相关文献：各类别点位密度（每 km²）、500 m 内服务覆盖率、到最近党群服务站的平均步行距离（成本型）、按点位类别计算的用地混合度 LUM = -Σ p ln p / ln K，以及点位含 jobs 和 workers 字段时的职住平衡度 JHB = 1 - |J - W| / (J + W)。规划人员可在 JSON 文件（INDICATORS；安装 PyYAML 后也可用 YAML）中设置自己的指标和权重，或在此添加一个 QGIS 表达式。&lt;/p&gt;&lt;p&gt;指标文件示例：&lt;code&gt;{"indicators": [{"key": "d_svc", "kind": "density", "category": "service_station", "direction": "benefit", "weight": 0.3}, {"key": "green", "kind": "expression", "expression": "\"area\"", "aggregate": "sum", "direction": "benefit"}]}&lt;/code&gt;。指标种类（kind）：density（category）、coverage（radius）、walk、lum（over：category 或 zone_type）、jhb（jobs、workers）、expression（expression、aggregate：sum、mean、count、min、max、median）。键（key）：最多 8 个小写 ASCII 字符。&lt;/p&gt;&lt;p&gt;标准化：效益型（benefit）为 (x - min)/(max - min)，成本型（cost）为 (max - x)/(max - min)；各单元取值都相同的指标权重为 0，并给出警告。某单元中无定义的值（如没有点位的单元中的比率）取观测到的最差值，并给出警告。熵权：p = x' / Σx'，e = -(1/ln n) Σ p ln p，w = (1 - e)/Σ(1 - e)；设有固定权重的指标保持该权重，其余指标按熵权分配剩余权重。得分 S = 100 Σ w x'；TOPSIS 贴近度 C = D- / (D+ + D-)，基于加权标准化矩阵计算。按 S 分级：1 优 ≥ 80，2 良 ≥ 60，3 中 ≥ 40，4 较差 ≥ 20，5 差 低于 20。至少需要两个单元。&lt;/p&gt;</translation>
  </message>
  <message>
   <source>&lt;p&gt;Rows: one per zone (zones without features included when ZONES is given), one per zone type with an empty zone_id, one for untagged features and a total. Each feature counts once, in the zone and type chosen by tagging (zone_id, zone_type). Columns: level, zone_id, zone_name, zone_type, zone_type_zh, area_m2, area_km2, one n_&amp;lt;category&amp;gt; column per category (its value as alias), total and density (features per km²).&lt;/p&gt;&lt;p&gt;Areas are measured in metres (EPSG:4549 near the belt); a zone type's area is the union of its zones, so overlapping zones count once. Without ZONES areas and densities are empty.&lt;/p&gt;&lt;p&gt;An INPUT without zone_type is tagged on the fly by beltmap:tagzones with ZONES and the default rule. The CSV is UTF-8 with BOM.&lt;/p&gt;</source>
   <translation>&lt;p&gt;行：每个区域一行（提供 ZONES 时包括没有要素的区域），每种区域类型一行（zone_id 为空），未标注要素一行，以及合计一行。每个要素只计一次，计入标注时选定的区域和类型（zone_id、zone_type）。列：level、zone_id、zone_name、zone_type、zone_type_zh、area_m2、area_km2，每个类别一列 n_&amp;lt;category&amp;gt;（别名为该类别的值），以及 total 和 density（每 km² 要素数）。&lt;/p&gt;&lt;p&gt;面积以米为单位量算（在实践带附近使用 EPSG:4549）；区域类型的面积为其所有区域的并集，因此重叠的区域只计一次。未提供 ZONES 时面积和密度为空。&lt;/p&gt;&lt;p&gt;没有 zone_type 字段的 INPUT 会用 ZONES 和默认规则通过 beltmap:tagzones 即时标注。CSV 编码为带 BOM 的 UTF-8。&lt;/p&gt;</translation>
  </message>
  <message>
   <source>&lt;p&gt;The folder holds index.html, data.js (the data), app.js, app.css and lib/leaflet (the map library with its licence). Copy the whole folder to a USB stick, a shared drive or any static web server. index.html#zone=&amp;lt;zone id&amp;gt; and #site=&amp;lt;site id&amp;gt; open zoomed to a zone or a site.&lt;/p&gt;&lt;p&gt;The web map is written into a hidden temporary folder beside OUTPUT_FOLDER and moved into place only when complete. An existing web map is replaced only with OVERWRITE; a folder holding other files, or holding an input, is never written into.&lt;/p&gt;</source>
   <translation>&lt;p&gt;文件夹中包含 index.html、data.js（数据）、app.js、app.css 和 lib/leaflet（地图库及其许可证）。可将整个文件夹复制到U盘、共享盘或任意静态网站服务器。index.html#zone=&amp;lt;区域编号&amp;gt; 和 #site=&amp;lt;点位编号&amp;gt; 打开时直接缩放到该区域或点位。&lt;/p&gt;&lt;p&gt;电子地图先写入 OUTPUT_FOLDER 旁的隐藏临时文件夹，完整后才移到目标位置。已有的电子地图只有在 OVERWRITE 时才会被替换；含有其他文件或含有输入数据的文件夹绝不会被写入。&lt;/p&gt;</translation>
  </message>
  <message>
   <source>&lt;p&gt;The package is written into a hidden temporary folder next to the target and moved into place only when complete: cancelling or failing leaves nothing behind, and an existing package is replaced only with OVERWRITE.&lt;/p&gt;&lt;p&gt;Before any map is drawn every character of every text (title, legend, labels, notes) is checked against the map font; a missing character stops the export with the font, the characters and the fix. The font is the first CJK font the system has; the environment variable BELTMAP_FONT or the setting beltmap/font_family forces another.&lt;/p&gt;&lt;p&gt;Before anything is written the belt data are validated (the error-level checks of beltmap:validate); errors stop the export with the list of problems and their fixes unless IGNORE_VALIDATION is set.&lt;/p&gt;&lt;p&gt;INDEX adds the comprehensive evaluation index per zone (beltmap:evaluationindex with its built-in indicators): the evaluation_index and evaluation_weights tables in belt.gpkg, a hidden graded layer in belt.qgz, tables/evaluation_index.csv, tables/evaluation_index_weights.csv and the score chart maps/evaluation_index_chart.png and .svg. The index is indicative: the official index's indicators are not public.&lt;/p&gt;</source>
   <translation>&lt;p&gt;成果包先写入目标位置旁的隐藏临时文件夹，全部完成后才移动到位：取消或失败不会留下任何文件；只有设置 OVERWRITE 时才会替换已有成果包。&lt;/p&gt;&lt;p&gt;绘制任何地图之前，会按地图字体检查每段文字（标题、图例、标注、注记）的每个字符；缺少字符时导出停止，并列出字体、缺失的字符及修复方法。所用字体为系统中第一个可用的 CJK 字体；可通过环境变量 BELTMAP_FONT 或设置项 beltmap/font_family 指定其他字体。&lt;/p&gt;&lt;p&gt;写出任何内容之前，会先校验实践带数据（beltmap:validate 中错误级别的检查）；发现错误时导出停止，并列出问题及修复方法，除非设置了 IGNORE_VALIDATION。&lt;/p&gt;&lt;p&gt;INDEX 会添加各区域的综合评价指数（使用内置指标运行 beltmap:evaluationindex）：belt.gpkg 中的 evaluation_index 和 evaluation_weights 表、belt.qgz 中一个隐藏的分级图层、tables/evaluation_index.csv、tables/evaluation_index_weights.csv，以及得分图 maps/evaluation_index_chart.png 和 .svg。该指数仅供参考：官方指数的指标并未公开。&lt;/p&gt;</translation>
  </message>
  <message>
   <source>&lt;p&gt;With ROADS, distances are measured along the roads (QGIS network analysis, in EPSG:4549): each site and station is snapped to the nearest road and the snap distance is added. A site the roads cannot connect to any station, and every site when ROADS is empty, gets the straight-line distance times DETOUR; the field &lt;code&gt;method&lt;/code&gt; says which (network / euclidean).&lt;/p&gt;&lt;p&gt;Yardsticks (Shanghai 15-minute community life circle guideline, 2016): daily services within a 5-10 minute walk (about 300-500 m), community services within a 15-minute walk (about 800-1,000 m in the main city, 800-1,500 m in new towns).&lt;/p&gt;&lt;p&gt;Coverage rate for radius r: the share of sites (or of WEIGHT_FIELD, e.g. population) within r of a station. Per zone type it uses the sites' &lt;code&gt;zone_type&lt;/code&gt; field (from beltmap:tagzones; with ZONES the sites are tagged first).&lt;/p&gt;&lt;p&gt;CATCHMENTS hold exactly what is counted: per station and radius r, the places whose walk, measured as the sites' walks are, is at most r and ends at that station (one search from all stations at once gives each place its nearest station, so catchments never overlap).&lt;/p&gt;</source>
   <translation>&lt;p&gt;提供 ROADS 时，沿道路量算距离（QGIS 网络分析，在 EPSG:4549 中）：每个点位和服务站吸附到最近的道路，并加上吸附距离。道路无法连通到任何服务站的点位，以及 ROADS 留空时的所有点位，取直线距离乘以 DETOUR；字段 &lt;code&gt;method&lt;/code&gt; 注明所用方法（network / euclidean）。&lt;/p&gt;&lt;p&gt;参考标准（《上海市15分钟社区生活圈规划导则》，2016）：日常服务位于步行 5-10 分钟范围内（约 300-500 m），社区服务位于步行 15 分钟范围内（主城区约 800-1,000 m，新城约 800-1,500 m）。&lt;/p&gt;&lt;p&gt;半径 r 的覆盖率：距服务站 r 以内的点位（或 WEIGHT_FIELD，如人口）所占比例。按区域类型统计时使用点位的 &lt;code&gt;zone_type&lt;/code&gt; 字段（来自 beltmap:tagzones；提供 ZONES 时会先为点位标注所属区域）。&lt;/p&gt;&lt;p&gt;CATCHMENTS 与统计口径完全一致：对每个服务站和半径 r，服务范围包含按点位步行距离的同一方法量算、步行距离不超过 r 且以该服务站为终点的所有位置（从所有服务站同时进行一次搜索，为每个位置确定最近的服务站，因此各服务范围互不重叠）。&lt;/p&gt;</translation>
  </message>
  <message>
   <source>&gt; {} min</source>
   <translation>&gt; {} 分钟</translation>
  </message>
  <message>
   <source>&gt; {} min walk</source>
   <translation>步行 &gt; {} 分钟</translation>
  </message>
  <message>
   <source>A CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) or XLSX file with one site per row.</source>
   <translation>每行一个点位的 CSV（UTF-8、带 BOM 的 UTF-8、GBK/GB18030）或 XLSX 文件。</translation>
  </message>
  <message>
   <source>A QGIS expression evaluated on every site and aggregated per unit (key 'user').</source>
   <translation>对每个点位求值并按单元汇总的 QGIS 表达式（键为 user）。</translation>
  </message>
  <message>
   <source>A layer of service stations; empty: the sites of STATION_CATEGORY are the stations.</source>
   <translation>党群服务站图层；留空：以类别为 STATION_CATEGORY 的点位作为服务站。</translation>
  </message>
  <message>
   <source>A line under the title (atlas pages add the zone name).</source>
   <translation>标题下方的一行文字（图集页面会附加区域名称）。</translation>
  </message>
  <message>
   <source>A line under the title.</source>
   <translation>标题下方的一行文字。</translation>
  </message>
  <message>
   <source>A site further than this from its place last year has moved; sites matched by position (same category) must be at most this far apart.</source>
   <translation>点位与上一年位置相距超过此值即视为已迁移；按位置匹配的点位（类别相同）相距不得超过此值。</translation>
  </message>
  <message>
   <source>AFTER has no sites: every site is removed</source>
   <translation>AFTER 没有点位：所有点位均为撤销</translation>
  </message>
  <message>
   <source>ATLAS=station: the sites' field naming each station's page, kept as written (site_id, the default, also finds id, 编号 or code); a station without a key gets 'S' and its feature id.</source>
   <translation>ATLAS=station 时：为每个服务站页面命名的点位字段，按原样保留（默认 site_id，也识别 id、编号 或 code）；没有编号的服务站取 'S' 加要素编号。</translation>
  </message>
  <message>
   <source>Add a text field '{}' (Layer Properties &gt; Fields) and fill it.</source>
   <translation>请添加文本字段“{}”（图层属性 &gt; 字段）并填写。</translation>
  </message>
  <message>
   <source>Add a text field zone_type holding park, community, street, exhibition or scenic.</source>
   <translation>请添加文本字段 zone_type，填写 park、community、street、exhibition 或 scenic。</translation>
  </message>
  <message>
   <source>Add the comprehensive evaluation index per zone</source>
   <translation>添加各区域的综合评价指数</translation>
  </message>
  <message>
   <source>Add the evaluation score and grade per zone</source>
   <translation>加入各区域的评价得分与等级</translation>
  </message>
  <message>
   <source>Add the walk to the nearest service station</source>
   <translation>加入到最近党群服务站的步行距离</translation>
  </message>
  <message>
   <source>After (package or GeoPackage)</source>
   <translation>之后（成果包或 GeoPackage）</translation>
  </message>
  <message>
   <source>After: belt</source>
   <translation>之后：实践带</translation>
  </message>
  <message>
   <source>After: label</source>
   <translation>之后：年份名称</translation>
  </message>
  <message>
   <source>After: service stations</source>
   <translation>之后：党群服务站</translation>
  </message>
  <message>
   <source>After: sites</source>
   <translation>之后：点位</translation>
  </message>
  <message>
   <source>After: zones</source>
   <translation>之后：区域</translation>
  </message>
  <message>
   <source>All files (*)</source>
   <translation>所有文件 (*)</translation>
  </message>
  <message>
   <source>Also write a zip of the package</source>
   <translation>同时写出成果包的 zip 压缩文件</translation>
  </message>
  <message>
   <source>Also write the electronic map (beltmap:exportwebmap) as web/ in the package: web/index.html opens offline with a double-click, and the folder can be published on any static web server.</source>
   <translation>同时在成果包中以 web/ 写出电子地图（beltmap:exportwebmap）：双击 web/index.html 即可离线打开，该文件夹也可发布到任意静态网站服务器。</translation>
  </message>
  <message>
   <source>Also write the whole package as OUTPUT_FOLDER/NAME.zip.</source>
   <translation>同时将整个成果包写为 OUTPUT_FOLDER/NAME.zip。</translation>
  </message>
  <message>
   <source>Any vector layer: points, lines or polygons, single or multi-part, with Z/M.</source>
   <translation>任意矢量图层：点、线或面，单部件或多部件，可含 Z/M 值。</translation>
  </message>
  <message>
   <source>Assessing the programme's progress</source>
   <translation>正在评估五年期规划进展</translation>
  </message>
  <message>
   <source>Atlas</source>
   <translation>图集</translation>
  </message>
  <message>
   <source>BASELINE: {} does not exist</source>
   <translation>BASELINE：{} 不存在</translation>
  </message>
  <message>
   <source>BASELINE: {} is not a belt map package: give the folder or the ZIP of an earlier package</source>
   <translation>BASELINE：{} 不是实践带地图成果包：请提供以往成果包的文件夹或 ZIP</translation>
  </message>
  <message>
   <source>BASELINE: {} is not a belt map package: {} is missing (found: {})</source>
   <translation>BASELINE：{} 不是实践带地图成果包：缺少 {}（现有：{}）</translation>
  </message>
  <message>
   <source>BASELINE: {} is not a belt map package: {} is missing from the ZIP</source>
   <translation>BASELINE：{} 不是实践带地图成果包：ZIP 中缺少 {}</translation>
  </message>
  <message>
   <source>BASELINE: {} is the package being written (or inside it); inputs are never written over: choose another NAME or OUTPUT_FOLDER</source>
   <translation>BASELINE：{} 就是正在写出的成果包（或位于其中）；输入数据绝不会被覆盖：请选择其他 NAME 或 OUTPUT_FOLDER</translation>
  </message>
  <message>
   <source>BEFORE ({}) and AFTER ({}) are both labelled {}: give each year its own label (exportpackage LABEL, a year in the file name, or BEFORE_LABEL / AFTER_LABEL)</source>
   <translation>BEFORE（{}）和 AFTER（{}）的标签都是 {}：请为每个年份给出各自的标签（exportpackage 的 LABEL、文件名中的年份，或 BEFORE_LABEL / AFTER_LABEL）</translation>
  </message>
  <message>
   <source>BEFORE and AFTER are the same package (same manifest): no changes</source>
   <translation>BEFORE 与 AFTER 是同一个成果包（清单文件相同）：没有变化</translation>
  </message>
  <message>
   <source>BEFORE has no sites: every site is added</source>
   <translation>BEFORE 没有点位：所有点位均为新增</translation>
  </message>
  <message>
   <source>Baseline: an earlier package (folder or ZIP)</source>
   <translation>基准成果包：以往的成果包（文件夹或 ZIP）</translation>
  </message>
  <message>
   <source>Before (package or GeoPackage)</source>
   <translation>之前（成果包或 GeoPackage）</translation>
  </message>
  <message>
   <source>Before running, the belt data are checked (geometry, CRS, zone types, zone ids, GCJ-02/BD-09 shift) and the algorithm stops with the list of errors and their fixes. Set this to run anyway.</source>
   <translation>运行前会校验实践带数据（几何、坐标参考系、区域类型、区域编号、GCJ-02/BD-09 偏移），发现错误时算法停止，并列出错误及修复方法。勾选此项则仍然运行。</translation>
  </message>
  <message>
   <source>Before: belt</source>
   <translation>之前：实践带</translation>
  </message>
  <message>
   <source>Before: label</source>
   <translation>之前：年份名称</translation>
  </message>
  <message>
   <source>Before: service stations</source>
   <translation>之前：党群服务站</translation>
  </message>
  <message>
   <source>Before: sites</source>
   <translation>之前：点位</translation>
  </message>
  <message>
   <source>Before: zones</source>
   <translation>之前：区域</translation>
  </message>
  <message>
   <source>Belt</source>
   <translation>实践带</translation>
  </message>
  <message>
   <source>Belt Map</source>
   <translation>实践带地图</translation>
  </message>
  <message>
   <source>Belt Map is still working; wait or cancel first.</source>
   <translation>实践带地图仍在运行，请等待或先取消。</translation>
  </message>
  <message>
   <source>Belt Map panel</source>
   <translation>实践带地图面板</translation>
  </message>
  <message>
   <source>Belt Map validation report</source>
   <translation>实践带地图校验报告</translation>
  </message>
  <message>
   <source>Belt Map {} loaded</source>
   <translation>实践带地图 {} 已加载</translation>
  </message>
  <message>
   <source>Belt Map's icons are missing: {} was not built (make compiled).</source>
   <translation>实践带地图的图标缺失：未生成 {}（请运行 make compiled）。</translation>
  </message>
  <message>
   <source>Belt Map: counting the panel's summary</source>
   <translation>实践带地图：正在统计面板汇总</translation>
  </message>
  <message>
   <source>Belt area</source>
   <translation>实践带面积</translation>
  </message>
  <message>
   <source>Belt boundary</source>
   <translation>实践带边界</translation>
  </message>
  <message>
   <source>Belt feature {} was invalid and repaired: {}</source>
   <translation>实践带要素 {} 几何无效，已修复：{}</translation>
  </message>
  <message>
   <source>Building the project and its print layouts</source>
   <translation>正在生成工程及其打印布局</translation>
  </message>
  <message>
   <source>Building the road graph in {}</source>
   <translation>正在 {} 中构建道路网络</translation>
  </message>
  <message>
   <source>CRS of the output points; EPSG:4490 (CGCS2000) by default.</source>
   <translation>输出点的坐标参考系；默认为 EPSG:4490（CGCS2000）。</translation>
  </message>
  <message>
   <source>CSV files (*.csv)</source>
   <translation>CSV 文件 (*.csv)</translation>
  </message>
  <message>
   <source>Cancelled</source>
   <translation>已取消</translation>
  </message>
  <message>
   <source>Cancelled: no package was written</source>
   <translation>已取消：未写出成果包</translation>
  </message>
  <message>
   <source>Cancelled: no web map was written</source>
   <translation>已取消：未写出电子地图</translation>
  </message>
  <message>
   <source>Cancelled: nothing was added.</source>
   <translation>已取消：未添加任何内容。</translation>
  </message>
  <message>
   <source>Cancelled: the transaction was rolled back, nothing was written</source>
   <translation>已取消：事务已回滚，未写出任何内容</translation>
  </message>
  <message>
   <source>Cannot list the tables of schema '{}' of '{}': {}</source>
   <translation>无法列出 '{}'（'{}'）模式中的表：{}</translation>
  </message>
  <message>
   <source>Cannot replace {0}, another program holds it open: close {0} in QGIS or the other program, then run again</source>
   <translation>无法替换 {0}，另一程序正占用该文件：请在 QGIS 或该程序中关闭 {0}，然后重新运行</translation>
  </message>
  <message>
   <source>Cannot write a site into {}: {}</source>
   <translation>无法将点位写入 {}：{}</translation>
  </message>
  <message>
   <source>Cannot write {}: {}</source>
   <translation>无法写入 {}：{}</translation>
  </message>
  <message>
   <source>Catchments</source>
   <translation>服务范围</translation>
  </message>
  <message>
   <source>Category</source>
   <translation>类别</translation>
  </message>
  <message>
   <source>Category field</source>
   <translation>类别字段</translation>
  </message>
  <message>
   <source>Category of SITES that are stations when STATIONS is empty (党群服务站 = service_station).</source>
   <translation>STATIONS 留空时，作为服务站的 SITES 点位类别（党群服务站 = service_station）。</translation>
  </message>
  <message>
   <source>Category of the sites that are service stations (for walk_m when it is missing).</source>
   <translation>党群服务站点位的类别（用于在缺少 walk_m 时计算）。</translation>
  </message>
  <message>
   <source>Chain links</source>
   <translation>产业链联系</translation>
  </message>
  <message>
   <source>Chain links (CSV/XLSX)</source>
   <translation>产业链联系（CSV/XLSX）</translation>
  </message>
  <message>
   <source>Chain links…</source>
   <translation>产业链联系…</translation>
  </message>
  <message>
   <source>Chain summary</source>
   <translation>产业链汇总</translation>
  </message>
  <message>
   <source>Change '{}' to '{}' or another known type in the field {}.</source>
   <translation>请将“{}”改为“{}”或其他已知类型（字段 {}）。</translation>
  </message>
  <message>
   <source>Change map: {}</source>
   <translation>变化图：{}</translation>
  </message>
  <message>
   <source>Changes between years</source>
   <translation>年度变化</translation>
  </message>
  <message>
   <source>Changes between years…</source>
   <translation>年度变化…</translation>
  </message>
  <message>
   <source>Check</source>
   <translation>检查项</translation>
  </message>
  <message>
   <source>Check its coordinates (and their system), or leave it: it is tagged in_belt = 0.</source>
   <translation>请检查其坐标（及所用坐标系）；也可保持不变：它会被标注为 in_belt = 0。</translation>
  </message>
  <message>
   <source>Check that this is the belt boundary, and that its CRS is right (degrees taken as metres?).</source>
   <translation>请确认这是实践带边界，并检查其坐标参考系是否正确（是否把度当成了米？）。</translation>
  </message>
  <message>
   <source>Check the zone's position and CRS, or extend the belt boundary if the zone belongs to it.</source>
   <translation>请检查该区域的位置和坐标参考系；如该区域属于实践带，请扩展实践带边界。</translation>
  </message>
  <message>
   <source>Checking every map text against the font</source>
   <translation>正在按字体检查所有地图文字</translation>
  </message>
  <message>
   <source>Checking the belt data before running…</source>
   <translation>运行前正在校验实践带数据…</translation>
  </message>
  <message>
   <source>Choose a package</source>
   <translation>选择成果包</translation>
  </message>
  <message>
   <source>Choose a package folder</source>
   <translation>选择成果包文件夹</translation>
  </message>
  <message>
   <source>Choose a package folder, a package ZIP or a GeoPackage</source>
   <translation>选择成果包文件夹、成果包 ZIP 或 GeoPackage</translation>
  </message>
  <message>
   <source>Choose an output folder</source>
   <translation>请选择输出文件夹</translation>
  </message>
  <message>
   <source>Choose the layer that holds the data, or add the features.</source>
   <translation>请选择包含数据的图层，或添加要素。</translation>
  </message>
  <message>
   <source>Choose the layer that holds the {} as polygons/lines/points as listed, or redraw it.</source>
   <translation>请选择按上述要求以面/线/点存储 {} 的图层，或重新绘制。</translation>
  </message>
  <message>
   <source>Choose the {} layer in the Belt Map panel first.</source>
   <translation>请先在实践带地图面板中选择 {} 图层。</translation>
  </message>
  <message>
   <source>Click to select and zoom to these zones</source>
   <translation>单击以选择并缩放至这些区域</translation>
  </message>
  <message>
   <source>Column holding the latitude (or Y); detected when empty.</source>
   <translation>纬度（或 Y）所在的列；留空时自动识别。</translation>
  </message>
  <message>
   <source>Column holding the longitude (or X); detected when empty. Give the same column for X and Y when one column holds 'lon,lat'.</source>
   <translation>经度（或 X）所在的列；留空时自动识别。若一列中存放 'lon,lat'，请为 X 和 Y 指定同一列。</translation>
  </message>
  <message>
   <source>Comma-separated zone types, first wins; keys, Chinese names or aliases. Missing types follow in the default order. Used by the priority rule and to break every tie.</source>
   <translation>以逗号分隔的区域类型，靠前者优先；可用键、中文名称或别名。未列出的类型按默认顺序排在其后。用于 priority 规则，也用于裁决所有并列情况。</translation>
  </message>
  <message>
   <source>Compares the belt's units (zones, zone types or a grid) by a comprehensive construction evaluation index: indicators per unit, min-max normalised, weighted by the entropy method or by fixed weights, scored as a weighted sum (0-100) and by TOPSIS, ranked and graded in five classes.</source>
   <translation>用综合性建设评价指数比较实践带的各评价单元（区域、区域类型或格网）：逐单元计算指标，经极差（min-max）标准化，按熵权法或固定权重赋权，以加权和（0-100）及 TOPSIS 计分，排序并分为五级。</translation>
  </message>
  <message>
   <source>Comparing with the baseline package</source>
   <translation>正在与基准成果包比较</translation>
  </message>
  <message>
   <source>Computing the evaluation index per zone</source>
   <translation>正在计算各区域的综合评价指数</translation>
  </message>
  <message>
   <source>Coordinate columns</source>
   <translation>坐标列</translation>
  </message>
  <message>
   <source>Coordinate system of the list</source>
   <translation>清单的坐标系</translation>
  </message>
  <message>
   <source>Counting in PostGIS: INPUT is a tagged table ({})</source>
   <translation>在 PostGIS 中统计：INPUT 是已标注的表（{}）</translation>
  </message>
  <message>
   <source>Counting…</source>
   <translation>统计中…</translation>
  </message>
  <message>
   <source>Counts the features of a tagged layer per zone and per zone type, by category, with zone areas and densities; as a table and optionally a CSV that opens in Excel.</source>
   <translation>按区域和区域类型、分类别统计已标注图层的要素数，并给出区域面积和密度；输出为表格，并可另存为可用 Excel 打开的 CSV。</translation>
  </message>
  <message>
   <source>Coverage of the sites nearest to it: {}</source>
   <translation>以本站为最近服务站的点位覆盖情况：{}</translation>
  </message>
  <message>
   <source>Coverage rate per radius (JSON)</source>
   <translation>各半径覆盖率（JSON）</translation>
  </message>
  <message>
   <source>Coverage rate per zone type (JSON)</source>
   <translation>各区域类型覆盖率（JSON）</translation>
  </message>
  <message>
   <source>Coverage rates</source>
   <translation>覆盖率</translation>
  </message>
  <message>
   <source>Coverage shares: along the roads in {} and straight line x {} in {} (no roads there)</source>
   <translation>覆盖比例：{} 沿道路计算；直线距离 × {} 用于 {}（该年份没有道路）</translation>
  </message>
  <message>
   <source>Coverage shares: straight line x {} to the nearest service station (no roads)</source>
   <translation>覆盖比例：按到最近党群服务站的直线距离 × {} 计算（没有道路）</translation>
  </message>
  <message>
   <source>Coverage shares: walking distance along the roads in both years (core/reach)</source>
   <translation>覆盖比例：两个年份均按沿道路的步行距离计算（core/reach）</translation>
  </message>
  <message>
   <source>Coverage within {} m: {}</source>
   <translation>{} m 内覆盖率：{}</translation>
  </message>
  <message>
   <source>Data rows read</source>
   <translation>已读取数据行数</translation>
  </message>
  <message>
   <source>Delete one of the two, or give them distinct names if both are real.</source>
   <translation>请删除其中之一；如两者都真实存在，请为其取不同的名称。</translation>
  </message>
  <message>
   <source>Demo belt loaded: {} zones, {} sites (illustrative data).</source>
   <translation>示例实践带已加载：{} 个区域，{} 个点位（示意数据）。</translation>
  </message>
  <message>
   <source>Detour factor</source>
   <translation>绕行系数</translation>
  </message>
  <message>
   <source>Draw its geometry, or delete the feature.</source>
   <translation>请绘制其几何图形，或删除该要素。</translation>
  </message>
  <message>
   <source>Drawing the atlas</source>
   <translation>正在绘制图集</translation>
  </message>
  <message>
   <source>Drawing the {} map</source>
   <translation>正在绘制 {} 地图</translation>
  </message>
  <message>
   <source>Each leader's partners within these distances (straight line): columns within_&lt;R&gt;km.</source>
   <translation>统计每个链主在这些距离（直线）以内的合作企业：列 within_&lt;R&gt;km。</translation>
  </message>
  <message>
   <source>Empty rows skipped</source>
   <translation>跳过的空行数</translation>
  </message>
  <message>
   <source>Empty: entropy weight; a value in 0-1 fixes it and the others share the rest.</source>
   <translation>留空：使用熵权；填写 0-1 之间的值则固定该权重，其余指标分配剩余权重。</translation>
  </message>
  <message>
   <source>Empty: the layer's CRS. GCJ02 (AMap/高德, Tencent/腾讯) or BD09 (Baidu/百度) when the partners' lon/lat were taken from a Chinese web map: converted as the site import does.</source>
   <translation>留空：使用图层的坐标系。合作企业经纬度取自国内网络地图时选 GCJ02（高德、腾讯）或 BD09（百度）：按点位导入的方式转换。</translation>
  </message>
  <message>
   <source>Empty: unknown zone types stop the algorithm. A type here is used for them instead.</source>
   <translation>留空：遇到未知区域类型时算法停止。如在此填写一个类型，则未知值按该类型处理。</translation>
  </message>
  <message>
   <source>Error</source>
   <translation>错误</translation>
  </message>
  <message>
   <source>Errors</source>
   <translation>错误数</translation>
  </message>
  <message>
   <source>Evaluation index</source>
   <translation>综合评价指数</translation>
  </message>
  <message>
   <source>Evaluation index of units (综合性建设评价指数)</source>
   <translation>单元综合评价指数（综合性建设评价指数）</translation>
  </message>
  <message>
   <source>Evaluation index ready: {} units graded.</source>
   <translation>综合评价指数已完成：已为 {} 个单元评定等级。</translation>
  </message>
  <message>
   <source>Evaluation index…</source>
   <translation>综合评价指数…</translation>
  </message>
  <message>
   <source>Example</source>
   <translation>示例</translation>
  </message>
  <message>
   <source>Export belt map package</source>
   <translation>导出实践带地图成果包</translation>
  </message>
  <message>
   <source>Export map package…</source>
   <translation>导出地图成果包…</translation>
  </message>
  <message>
   <source>Export web map</source>
   <translation>导出电子地图</translation>
  </message>
  <message>
   <source>Export web map…</source>
   <translation>导出电子地图…</translation>
  </message>
  <message>
   <source>Expression naming the ROADS people may not walk, left out of the network; empty: highway = motorway or motorway_link when ROADS have a highway field.</source>
   <translation>筛选行人不可通行的 ROADS 道路的表达式，这些道路不纳入路网；留空：ROADS 含 highway 字段时，取 highway = motorway 或 motorway_link。</translation>
  </message>
  <message>
   <source>Extra indicator: aggregate</source>
   <translation>附加指标：汇总方式</translation>
  </message>
  <message>
   <source>Extra indicator: direction</source>
   <translation>附加指标：方向</translation>
  </message>
  <message>
   <source>Extra indicator: expression on the sites</source>
   <translation>附加指标：点位表达式</translation>
  </message>
  <message>
   <source>Extra indicator: fixed weight</source>
   <translation>附加指标：固定权重</translation>
  </message>
  <message>
   <source>Feature</source>
   <translation>要素</translation>
  </message>
  <message>
   <source>Feature {} has an empty geometry.</source>
   <translation>要素 {} 的几何图形为空。</translation>
  </message>
  <message>
   <source>Feature {} has an invalid geometry ({}); it may be dropped or mis-measured.</source>
   <translation>要素 {} 的几何图形无效（{}），可能被丢弃或量算错误。</translation>
  </message>
  <message>
   <source>Feature {} has no geometry.</source>
   <translation>要素 {} 没有几何图形。</translation>
  </message>
  <message>
   <source>Features in a zone</source>
   <translation>位于区域内的要素数</translation>
  </message>
  <message>
   <source>Features in no zone</source>
   <translation>不在任何区域内的要素数</translation>
  </message>
  <message>
   <source>Features outside the belt</source>
   <translation>位于实践带外的要素数</translation>
  </message>
  <message>
   <source>Features per zone type (JSON)</source>
   <translation>各区域类型要素数（JSON）</translation>
  </message>
  <message>
   <source>Features to tag</source>
   <translation>待标注要素</translation>
  </message>
  <message>
   <source>Features touching more than one zone</source>
   <translation>涉及多个区域的要素数</translation>
  </message>
  <message>
   <source>Features without geometry</source>
   <translation>无几何图形的要素数</translation>
  </message>
  <message>
   <source>Field holding the zone id; empty: zone_id, id, 编号 or 区域编号 (else the feature id).</source>
   <translation>存放区域编号的字段；留空：依次查找 zone_id、id、编号 或 区域编号（均无则用要素 ID）。</translation>
  </message>
  <message>
   <source>Field holding the zone name; empty: name, zone_name, 名称 or 区域名称.</source>
   <translation>存放区域名称的字段；留空：依次查找 name、zone_name、名称 或 区域名称。</translation>
  </message>
  <message>
   <source>Field holding the zone type; empty: zone_type, type, 类型 or 区域类型.</source>
   <translation>存放区域类型的字段；留空：依次查找 zone_type、type、类型 或 区域类型。</translation>
  </message>
  <message>
   <source>Field identifying a site in both years. site_id (the default) falls back to the id fields the loader knows (id, 编号, code); empty: every site is matched by position. Sites without a key or with a duplicated key are matched by position.</source>
   <translation>在两个年份中标识同一点位的字段。默认为 site_id，缺少时依次改用加载时可识别的编号字段（id、编号、code）；留空：所有点位都按位置匹配。没有键值或键值重复的点位按位置匹配。</translation>
  </message>
  <message>
   <source>Field of SITES holding the category.</source>
   <translation>SITES 中存放类别的字段。</translation>
  </message>
  <message>
   <source>Field of the sites and partners a link's key names (falls back to id, 编号, code).</source>
   <translation>联系中编号所对应的点位和合作企业字段（找不到时依次尝试 id、编号、code）。</translation>
  </message>
  <message>
   <source>Field of the sites and partners holding the firm's name (falls back to 名称); names are compared after NFKC, spaces removed, case folded.</source>
   <translation>点位和合作企业中存放企业名称的字段（找不到时尝试 名称）；名称经 NFKC 规范化、去除空格、忽略大小写后比较。</translation>
  </message>
  <message>
   <source>Field of the stations giving station_id, kept as written (leading zeros, Chinese); site_id (the default) also finds id, 编号 or code, as KEY_FIELD of beltmap:beltchanges; a station without a key, and every station when empty, gets 'S' and its feature id.</source>
   <translation>给出 station_id 的服务站字段，按原样保留（含前导零和中文）；默认 site_id，与 beltmap:beltchanges 的 KEY_FIELD 一样也识别 id、编号 或 code；没有编号的服务站（留空时为全部服务站）取 'S' 加要素编号。</translation>
  </message>
  <message>
   <source>Field whose values become the count columns (default category).</source>
   <translation>其取值作为计数列的字段（默认为 category）。</translation>
  </message>
  <message>
   <source>Field {} of feature {} looks garbled (乱码): '{}' {}.</source>
   <translation>字段 {}（要素 {}）疑似乱码：“{}” {}。</translation>
  </message>
  <message>
   <source>Fields in one year only, not compared: {}</source>
   <translation>仅在一个年份中存在的字段，不作比较：{}</translation>
  </message>
  <message>
   <source>Fields of different types in the two years, compared as text: {}</source>
   <translation>两个年份中类型不同的字段，按文本比较：{}</translation>
  </message>
  <message>
   <source>Fields: {}</source>
   <translation>字段：{}</translation>
  </message>
  <message>
   <source>File not found: {}. Check the path, or pick the file again.</source>
   <translation>找不到文件：{}。请检查路径，或重新选择文件。</translation>
  </message>
  <message>
   <source>Fill {} with park, community, street, exhibition or scenic (or 园区/社区/街区/展区/景区).</source>
   <translation>请在 {} 中填写 park、community、street、exhibition 或 scenic（或 园区/社区/街区/展区/景区）。</translation>
  </message>
  <message>
   <source>Finds every problem in the belt data that would spoil a map or a count, and says how to fix it: a table (REPORT) and a page (REPORT_HTML) with severity, layer, feature, check, message and fix.</source>
   <translation>找出实践带数据中所有会影响制图或统计的问题，并说明修复方法：输出表格（REPORT）和网页（REPORT_HTML），列出严重程度、图层、要素、检查项、问题说明和修复方法。</translation>
  </message>
  <message>
   <source>Fix the data, or set IGNORE_VALIDATION to run anyway.</source>
   <translation>请修正数据，或设置 IGNORE_VALIDATION 以强制运行。</translation>
  </message>
  <message>
   <source>Font preflight passed: every map text can be drawn</source>
   <translation>字体预检通过：所有地图文字均可绘制</translation>
  </message>
  <message>
   <source>For every site: the nearest service station, the walking distance and time to it, and whether it lies within each radius; lines from each station to the sites it serves, catchment polygons and the coverage rate per radius, overall and per zone type.</source>
   <translation>为每个点位计算最近的党群服务站、到该站的步行距离和时间，以及是否位于各半径之内；并生成各服务站到其所服务点位的连线、服务范围多边形，以及各半径的总体覆盖率和分区域类型覆盖率。</translation>
  </message>
  <message>
   <source>Give at least one layer to check (BELT, ZONES, SITES or ROADS).</source>
   <translation>请至少提供一个要检查的图层（BELT、ZONES、SITES 或 ROADS）。</translation>
  </message>
  <message>
   <source>Give at least one sites layer</source>
   <translation>请至少提供一个点位图层</translation>
  </message>
  <message>
   <source>Give both HISTORY (earlier packages) and TARGETS (the targets table), or neither</source>
   <translation>请同时给出 HISTORY（往年成果包）和 TARGETS（目标表），或都不给出</translation>
  </message>
  <message>
   <source>Give every zone a unique value in {}.</source>
   <translation>请在 {} 中为每个区域填写唯一值。</translation>
  </message>
  <message>
   <source>Grid cell size (m)</source>
   <translation>格网大小（m）</translation>
  </message>
  <message>
   <source>Grid units need BELT or ZONES to bound the grid</source>
   <translation>格网单元需要 BELT 或 ZONES 来确定格网范围</translation>
  </message>
  <message>
   <source>HTML files (*.html)</source>
   <translation>HTML 文件 (*.html)</translation>
  </message>
  <message>
   <source>Help</source>
   <translation>帮助</translation>
  </message>
  <message>
   <source>History: earlier packages</source>
   <translation>历史：往年成果包</translation>
  </message>
  <message>
   <source>How the expression's values are combined within a unit.</source>
   <translation>表达式的值在单元内的汇总方式。</translation>
  </message>
  <message>
   <source>How the index scores were computed</source>
   <translation>指数得分的计算方式</translation>
  </message>
  <message>
   <source>How the year is named in the tables and the map, e.g. 2025; default from the package's manifest, else 之前 / 之后.</source>
   <translation>该年份在表格和地图中的名称，如 2025；默认取自成果包的清单文件，否则为 之前 / 之后。</translation>
  </message>
  <message>
   <source>How to fix</source>
   <translation>修复方法</translation>
  </message>
  <message>
   <source>IGNORE_VALIDATION is set: the run continues despite these problems.</source>
   <translation>已设置 IGNORE_VALIDATION：尽管存在这些问题，运行仍将继续。</translation>
  </message>
  <message>
   <source>INPUT has no zone_type field: tag it with beltmap:tagzones or give ZONES</source>
   <translation>INPUT 没有 zone_type 字段：请先用 beltmap:tagzones 标注所属区域，或提供 ZONES</translation>
  </message>
  <message>
   <source>Import site list (CSV/XLSX)</source>
   <translation>导入点位清单（CSV/XLSX）</translation>
  </message>
  <message>
   <source>Import sites…</source>
   <translation>导入点位…</translation>
  </message>
  <message>
   <source>Import the original list again with beltmap:importsites and SOURCE_CRS={} (it converts to WGS84/CGCS2000); do not use web-map coordinates unconverted.</source>
   <translation>请用 beltmap:importsites 并设置 SOURCE_CRS={} 重新导入原始清单（它会转换为 WGS84/CGCS2000）；不要直接使用未经转换的网络地图坐标。</translation>
  </message>
  <message>
   <source>In-database summary failed: {}</source>
   <translation>数据库内汇总失败：{}</translation>
  </message>
  <message>
   <source>In-database tagging failed: {}</source>
   <translation>数据库内标注失败：{}</translation>
  </message>
  <message>
   <source>In-database tagging impossible: {}</source>
   <translation>无法在数据库内标注：{}</translation>
  </message>
  <message>
   <source>In-database tagging in PostGIS ({}), output {}</source>
   <translation>在 PostGIS 数据库内标注（{}），输出 {}</translation>
  </message>
  <message>
   <source>Include the web map</source>
   <translation>包含电子地图</translation>
  </message>
  <message>
   <source>Index on one scale: the {} zones of both years pooled (min-max reference points and entropy weights from all of them), indicators {}</source>
   <translation>指数采用统一尺度：两个年份的 {} 个区域合并计算（极值参考点与熵权均取自全部区域），指标：{}</translation>
  </message>
  <message>
   <source>Indicator '{}' is undefined in {} units: they get the worst value seen</source>
   <translation>指标“{}”在 {} 个单元中无定义：这些单元取观测到的最差值</translation>
  </message>
  <message>
   <source>Indicator '{}' needs the site fields {}</source>
   <translation>指标“{}”需要点位字段 {}</translation>
  </message>
  <message>
   <source>Indicator '{}': {}</source>
   <translation>指标“{}”：{}</translation>
  </message>
  <message>
   <source>Indicator file (JSON/YAML)</source>
   <translation>指标文件（JSON/YAML）</translation>
  </message>
  <message>
   <source>Indicator weights</source>
   <translation>指标权重</translation>
  </message>
  <message>
   <source>Indicators left out because they cannot be computed (JSON)</source>
   <translation>因无法计算而略去的指标（JSON）</translation>
  </message>
  <message>
   <source>Indicators per year</source>
   <translation>各年份指标</translation>
  </message>
  <message>
   <source>Indicators, directions and optional fixed weights; empty: the built-in starting set.</source>
   <translation>指标、方向及可选的固定权重；留空：使用内置的初始指标集。</translation>
  </message>
  <message>
   <source>KEY_FIELD is empty: every site is matched by position</source>
   <translation>KEY_FIELD 为空：所有点位均按位置匹配</translation>
  </message>
  <message>
   <source>KEY_FIELD: the sites of BEFORE have the id field {} and those of AFTER {}; name the key field both years share, or leave KEY_FIELD empty to match by position</source>
   <translation>KEY_FIELD：BEFORE 点位的编号字段为 {}，AFTER 点位的为 {}；请指定两个年份共有的键字段，或将 KEY_FIELD 留空以按位置匹配</translation>
  </message>
  <message>
   <source>KEY_FIELD: the sites of {} have no field '{}' (fields: {}); name a field both years have, or leave KEY_FIELD empty to match by position</source>
   <translation>KEY_FIELD：{} 的点位没有字段“{}”（现有字段：{}）；请指定两个年份都有的字段，或将 KEY_FIELD 留空以按位置匹配</translation>
  </message>
  <message>
   <source>Key field</source>
   <translation>键字段</translation>
  </message>
  <message>
   <source>Key field '{}' is {} in BEFORE and {} in AFTER: keys compared as text</source>
   <translation>键字段“{}”在 BEFORE 中为 {} 类型，在 AFTER 中为 {} 类型：键值按文本比较</translation>
  </message>
  <message>
   <source>Keys or names of the chain leaders, comma separated; default: every from end.</source>
   <translation>链主的编号或名称，以逗号分隔；默认：所有联系的起点。</translation>
  </message>
  <message>
   <source>LABELS: {} labels for {} years; give one label per year, in the order of YEARS</source>
   <translation>LABELS：{} 个标签对应 {} 个年份；请按 YEARS 的顺序为每个年份给出一个标签</translation>
  </message>
  <message>
   <source>Labels</source>
   <translation>年份标签</translation>
  </message>
  <message>
   <source>Language of grades, the change map and the summary's first half.</source>
   <translation>等级、变化图及摘要前半部分所用的语言。</translation>
  </message>
  <message>
   <source>Language of the progress report.</source>
   <translation>进展报告的语言。</translation>
  </message>
  <message>
   <source>Latitude / Y column</source>
   <translation>纬度 / Y 列</translation>
  </message>
  <message>
   <source>Layer</source>
   <translation>图层</translation>
  </message>
  <message>
   <source>Layer '{}' of {} cannot be opened.</source>
   <translation>无法打开图层“{}”（位于 {}）。</translation>
  </message>
  <message>
   <source>Layer '{}' of {} has no coordinate reference system. Set it (e.g. EPSG:4490) and retry.</source>
   <translation>图层“{}”（位于 {}）没有坐标参考系。请设置坐标参考系（如 EPSG:4490）后重试。</translation>
  </message>
  <message>
   <source>Layer '{}' of {} has {} geometry, but the {} layer needs {}. Choose another layer.</source>
   <translation>图层“{}”（位于 {}）的几何类型为 {}，但 {} 图层需要 {}。请选择其他图层。</translation>
  </message>
  <message>
   <source>Leader {} matches no single firm</source>
   <translation>链主 {} 没有唯一匹配的企业</translation>
  </message>
  <message>
   <source>Leaders</source>
   <translation>链主</translation>
  </message>
  <message>
   <source>Links between chain leaders (链长) and their partners from a table: each end matched to a site or a partner by key, else by name; per leader and per chain the partners in the belt, within each radius and per year; per zone the links starting, ending, staying and leaving. Rows that cannot be matched go to UNMATCHED with their row number and reason.</source>
   <translation>根据联系表分析链主（链长）与其合作企业的联系：每条联系的两端先按编号、再按名称匹配到点位或合作企业；按链主和产业链统计位于实践带内、各半径范围内及各年度的合作企业；按区域统计起点、终点、区内与离开实践带的联系。无法匹配的行连同行号和原因写入 UNMATCHED。</translation>
  </message>
  <message>
   <source>Links matched</source>
   <translation>匹配的联系数</translation>
  </message>
  <message>
   <source>Links per zone</source>
   <translation>各区域联系</translation>
  </message>
  <message>
   <source>Links read</source>
   <translation>读取的联系数</translation>
  </message>
  <message>
   <source>Links table</source>
   <translation>联系表</translation>
  </message>
  <message>
   <source>Links table read as {}</source>
   <translation>联系表按 {} 读取</translation>
  </message>
  <message>
   <source>Links unmatched</source>
   <translation>未匹配的联系数</translation>
  </message>
  <message>
   <source>Load belt data…</source>
   <translation>加载实践带数据…</translation>
  </message>
  <message>
   <source>Load demo belt</source>
   <translation>加载示例实践带</translation>
  </message>
  <message>
   <source>Load the source with the right encoding (a shapefile: add a .cpg file with GBK or UTF-8) and save it again as a GeoPackage or UTF-8.</source>
   <translation>请以正确的编码加载数据源（shapefile：添加内容为 GBK 或 UTF-8 的 .cpg 文件），然后另存为 GeoPackage 或 UTF-8 编码。</translation>
  </message>
  <message>
   <source>Longitude / X column</source>
   <translation>经度 / X 列</translation>
  </message>
  <message>
   <source>Manifest</source>
   <translation>清单文件</translation>
  </message>
  <message>
   <source>Map formats</source>
   <translation>地图格式</translation>
  </message>
  <message>
   <source>Map formats: {}</source>
   <translation>地图格式：{}</translation>
  </message>
  <message>
   <source>Map language</source>
   <translation>地图语言</translation>
  </message>
  <message>
   <source>Map title</source>
   <translation>地图标题</translation>
  </message>
  <message>
   <source>Measuring the chain links</source>
   <translation>正在测算产业链联系</translation>
  </message>
  <message>
   <source>Measuring the walks to the service stations for their pages</source>
   <translation>正在为服务站图页测量到服务站的步行距离</translation>
  </message>
  <message>
   <source>Measuring walking distances to the service stations</source>
   <translation>正在测量到党群服务站的步行距离</translation>
  </message>
  <message>
   <source>Method</source>
   <translation>方法</translation>
  </message>
  <message>
   <source>Metres</source>
   <translation>米</translation>
  </message>
  <message>
   <source>Minutes</source>
   <translation>分钟</translation>
  </message>
  <message>
   <source>Name</source>
   <translation>名称</translation>
  </message>
  <message>
   <source>Name field</source>
   <translation>名称字段</translation>
  </message>
  <message>
   <source>Name of the package folder and of the map files: ASCII letters, digits, '_', '-', '.'.</source>
   <translation>成果包文件夹及地图文件的名称：仅限 ASCII 字母、数字及 '_'、'-'、'.'。</translation>
  </message>
  <message>
   <source>Nearest station for {} sites</source>
   <translation>正在为 {} 个点位查找最近的服务站</translation>
  </message>
  <message>
   <source>No field {}: only totals are counted</source>
   <translation>没有字段 {}：只统计总数</translation>
  </message>
  <message>
   <source>No id field in either year ({}): sites matched by position</source>
   <translation>两个年份均没有编号字段（{}）：点位按位置匹配</translation>
  </message>
  <message>
   <source>No index: {}</source>
   <translation>无法计算指数：{}</translation>
  </message>
  <message>
   <source>No indicator could be computed (left out: {})</source>
   <translation>没有可计算的指标（已略去：{}）</translation>
  </message>
  <message>
   <source>No polygon layer for the zones was found or chosen. Choose the zones layer.</source>
   <translation>未找到或未选择区域面图层。请选择区域图层。</translation>
  </message>
  <message>
   <source>No problems found.</source>
   <translation>未发现问题。</translation>
  </message>
  <message>
   <source>No saved PostGIS connection named '{}'.</source>
   <translation>没有名为 '{}' 的已保存 PostGIS 连接。</translation>
  </message>
  <message>
   <source>No service stations in {}: coverage shares left out</source>
   <translation>{} 中没有党群服务站：略去覆盖比例</translation>
  </message>
  <message>
   <source>No site of category service_station: no walk to measure</source>
   <translation>没有类别为 service_station 的点位：无法测量步行距离</translation>
  </message>
  <message>
   <source>No space left on device (磁盘空间不足) while writing {}</source>
   <translation>磁盘空间不足：写入 {} 时设备已无剩余空间</translation>
  </message>
  <message>
   <source>No station found in {}: give STATIONS or the right STATION_CATEGORY</source>
   <translation>在 {} 中未找到服务站：请提供 STATIONS 或正确的 STATION_CATEGORY</translation>
  </message>
  <message>
   <source>No station found: SITES have no field {} to look for the category {} in</source>
   <translation>未找到服务站：SITES 没有字段 {}，无法在其中查找类别 {}</translation>
  </message>
  <message>
   <source>Not counting in the database: {}</source>
   <translation>未在数据库内统计：{}</translation>
  </message>
  <message>
   <source>Not tagging in the database: {}</source>
   <translation>未在数据库内标注：{}</translation>
  </message>
  <message>
   <source>Note</source>
   <translation>提示</translation>
  </message>
  <message>
   <source>Notes</source>
   <translation>提示数</translation>
  </message>
  <message>
   <source>Nothing to do for Belt Map; measure areas by hand only in {} (metres).</source>
   <translation>实践带地图无需处理；如需手工量算面积，请仅在 {}（米）中进行。</translation>
  </message>
  <message>
   <source>Numeric field (e.g. population) weighing the coverage rate; empty: every site counts 1.</source>
   <translation>用于对覆盖率加权的数值字段（如人口）；留空：每个点位计为 1。</translation>
  </message>
  <message>
   <source>One or more site layers (name, category); several are merged into one sites layer.</source>
   <translation>一个或多个点位图层（name、category）；多个图层会合并为一个点位图层。</translation>
  </message>
  <message>
   <source>One or more site layers (points with name and category).</source>
   <translation>一个或多个点位图层（含 name 和 category 的点）。</translation>
  </message>
  <message>
   <source>One package folder, ZIP or GeoPackage a line</source>
   <translation>每行一个成果包文件夹、ZIP 或 GeoPackage</translation>
  </message>
  <message>
   <source>One row per link: from, to (a firm's key or name), relation (供应 supplier, 客户 customer, 合作 partner, 研发 research, 服务 service), chain; optional since (year), signed (date), note. Chinese headers: 起点, 终点, 关系, 产业链, 起始年份, 签约日期, 备注. A CSV (UTF-8 or GBK) or XLSX file, or any table.</source>
   <translation>每行一条联系：from、to（企业编号或名称）、relation（供应、客户、合作、研发、服务）、chain；可选 since（年份）、signed（日期）、note。可用中文表头：起点、终点、关系、产业链、起始年份、签约日期、备注。可为 CSV（UTF-8 或 GBK）、XLSX 文件或任意表格。</translation>
  </message>
  <message>
   <source>One row per target: indicator, scope, target_year, target; optional baseline_year, direction (increase / decrease, 提高 / 降低), unit, source, responsible, note. Chinese headers 指标, 范围, 目标年份, 目标值, 基准年份, 方向, 单位, 来源, 责任单位, 备注 are accepted. CSV (UTF-8 or GBK), XLSX or a GeoPackage table.</source>
   <translation>每行一项目标：indicator、scope、target_year、target；可选 baseline_year、direction（increase / decrease，提高 / 降低）、unit、source、responsible、note。也可用中文表头：指标、范围、目标年份、目标值、基准年份、方向、单位、来源、责任单位、备注。可为 CSV（UTF-8 或 GBK）、XLSX 或 GeoPackage 表。</translation>
  </message>
  <message>
   <source>Online basemap</source>
   <translation>在线底图</translation>
  </message>
  <message>
   <source>Only {} unit to compare: the index ranks units against each other, so its weights and scores are undefined for fewer than two. Use zones or zone types with two or more zones, or a smaller GRID_SIZE.</source>
   <translation>只有 {} 个单元可供比较：该指数是在单元之间相互比较排序，少于两个单元时权重和得分没有意义。请使用包含两个及以上区域的 zones 或 zone_types 单元，或减小 GRID_SIZE。</translation>
  </message>
  <message>
   <source>Open folder</source>
   <translation>打开文件夹</translation>
  </message>
  <message>
   <source>Open in browser</source>
   <translation>在浏览器中打开</translation>
  </message>
  <message>
   <source>Open the report</source>
   <translation>打开报告</translation>
  </message>
  <message>
   <source>Optional CSV copy of the table, UTF-8 with BOM (Excel shows Chinese correctly).</source>
   <translation>可选的表格 CSV 副本，编码为带 BOM 的 UTF-8（Excel 可正确显示中文）。</translation>
  </message>
  <message>
   <source>Optional belt boundary; in_belt is 1 inside or on it, 0 outside (NULL without it).</source>
   <translation>可选的实践带边界；要素位于边界内或边界上时 in_belt 为 1，之外为 0（未提供边界时为 NULL）。</translation>
  </message>
  <message>
   <source>Optional path of an earlier belt map package, its folder or its ZIP (last year's). The package then also holds changes/ (the change map as PDF and PNG, the change tables as CSV and a summary, as beltmap:beltchanges writes them), the web map gets a Changes layer, README.txt describes changes/ and manifest.json records the baseline's name, date and the sha256 of its manifest.</source>
   <translation>可选：以往（如上一年度）实践带地图成果包的路径，可为其文件夹或 ZIP。此时成果包还包含 changes/（PDF 和 PNG 格式的变化图、CSV 格式的变化表及摘要，与 beltmap:beltchanges 写出的相同），电子地图增加“变化”图层，README.txt 说明 changes/ 的内容，manifest.json 记录基准成果包的名称、日期及其清单文件的 sha256。</translation>
  </message>
  <message>
   <source>Optional year labels, comma-separated, in the order of YEARS, e.g. 2024,2025,2026.</source>
   <translation>可选的年份标签，以逗号分隔，顺序同 YEARS，如 2024,2025,2026。</translation>
  </message>
  <message>
   <source>Optional: chain links (beltmap:chainlinks) in maps/chains/.</source>
   <translation>可选：产业链联系（beltmap:chainlinks），写入 maps/chains/。</translation>
  </message>
  <message>
   <source>Optional: firms outside the belt, in any CRS, with the same key and name fields.</source>
   <translation>可选：实践带以外的企业，任意坐标系，编号和名称字段相同。</translation>
  </message>
  <message>
   <source>Optional: the change tables as CSV, the change map (PDF and PNG) and a summary.</source>
   <translation>可选：CSV 格式的变化表、变化图（PDF 和 PNG）及摘要。</translation>
  </message>
  <message>
   <source>Optional: the earlier packages (folders, ZIPs or GeoPackages), one a line or separated by ';'; with TARGETS the package also holds progress/ (the progress report and tables of beltmap:beltprogress over those years and this one).</source>
   <translation>可选：往年的成果包（文件夹、ZIP 或 GeoPackage），每行一个或以 ';' 分隔；与 TARGETS 一起给出时，成果包还包含 progress/（beltmap:beltprogress 对这些年份及本年度的进展报告和表格）。</translation>
  </message>
  <message>
   <source>Optional: the tables as CSV, the calculation inputs, a summary (中文 / English) and the progress report (PDF).</source>
   <translation>可选：各表的 CSV、计算输入、摘要（中文 / English）及进展报告（PDF）。</translation>
  </message>
  <message>
   <source>Optional: the tables as CSV, the overview map and a page per leader (PDF, PNG), a summary.</source>
   <translation>可选：各表的 CSV、总览图、每个链主一页（PDF、PNG）及摘要。</translation>
  </message>
  <message>
   <source>Optional: the targets table of beltmap:beltprogress, used with HISTORY.</source>
   <translation>可选：beltmap:beltprogress 的目标表，与 HISTORY 一起使用。</translation>
  </message>
  <message>
   <source>Optional; the panel's layer for this role by default. Gives in_belt, the zones and types.</source>
   <translation>可选；默认取面板中该角色的图层。用于确定 in_belt、所属区域及区域类型。</translation>
  </message>
  <message>
   <source>Order of the zone type rows (and of zones in the table).</source>
   <translation>区域类型行的顺序（也是表中区域的顺序）。</translation>
  </message>
  <message>
   <source>Orientation</source>
   <translation>方向</translation>
  </message>
  <message>
   <source>Output CRS</source>
   <translation>输出坐标参考系</translation>
  </message>
  <message>
   <source>Output folder</source>
   <translation>输出文件夹</translation>
  </message>
  <message>
   <source>Output of beltmap:tagzones, or any layer together with ZONES (tagged on the fly).</source>
   <translation>beltmap:tagzones 的输出，或任意图层加上 ZONES（即时标注）。</translation>
  </message>
  <message>
   <source>Outputs</source>
   <translation>输出</translation>
  </message>
  <message>
   <source>Outside the belt</source>
   <translation>实践带外</translation>
  </message>
  <message>
   <source>PDF (vector, text searchable), PNG and/or SVG.</source>
   <translation>PDF（矢量，文字可搜索）、PNG 和/或 SVG。</translation>
  </message>
  <message>
   <source>Package ZIP or GeoPackage ({})</source>
   <translation>成果包 ZIP 或 GeoPackage（{}）</translation>
  </message>
  <message>
   <source>Package ZIP or GeoPackage…</source>
   <translation>成果包 ZIP 或 GeoPackage…</translation>
  </message>
  <message>
   <source>Package folder, package ZIP or GeoPackage</source>
   <translation>成果包文件夹、成果包 ZIP 或 GeoPackage</translation>
  </message>
  <message>
   <source>Package folder…</source>
   <translation>成果包文件夹…</translation>
  </message>
  <message>
   <source>Package name</source>
   <translation>成果包名称</translation>
  </message>
  <message>
   <source>Package name: {}</source>
   <translation>成果包名称：{}</translation>
  </message>
  <message>
   <source>Package written to {}</source>
   <translation>成果包已写出至 {}</translation>
  </message>
  <message>
   <source>Page language</source>
   <translation>网页语言</translation>
  </message>
  <message>
   <source>Paper</source>
   <translation>纸张</translation>
  </message>
  <message>
   <source>Paper of the progress report.</source>
   <translation>进展报告的纸张大小。</translation>
  </message>
  <message>
   <source>Paper size: A4, A3, A2, A1 or A0.</source>
   <translation>纸张大小：A4、A3、A2、A1 或 A0。</translation>
  </message>
  <message>
   <source>Parameters</source>
   <translation>参数</translation>
  </message>
  <message>
   <source>Partners outside the belt</source>
   <translation>实践带外的合作企业</translation>
  </message>
  <message>
   <source>Partners' coordinates</source>
   <translation>合作企业坐标</translation>
  </message>
  <message>
   <source>Path of a belt map package (its folder or its ZIP) or of a GeoPackage with the tables sites and zones. Leave empty to give the layers one by one.</source>
   <translation>实践带地图成果包（其文件夹或 ZIP）的路径，或含 sites 和 zones 表的 GeoPackage 的路径。留空则逐个指定图层。</translation>
  </message>
  <message>
   <source>Polygon layer of the zones, with a zone type field.</source>
   <translation>区域面图层，需含区域类型字段。</translation>
  </message>
  <message>
   <source>PostGIS output table only: an existing table of that name is replaced when this is set; otherwise the algorithm stops and names the table.</source>
   <translation>仅用于 PostGIS 输出表：设置后会替换已有的同名表；否则算法停止并给出该表名。</translation>
  </message>
  <message>
   <source>Preparing the sites</source>
   <translation>正在准备点位</translation>
  </message>
  <message>
   <source>Priority of zone types</source>
   <translation>区域类型优先级</translation>
  </message>
  <message>
   <source>Problem</source>
   <translation>问题</translation>
  </message>
  <message>
   <source>Programme progress</source>
   <translation>五年期进展</translation>
  </message>
  <message>
   <source>Programme progress…</source>
   <translation>五年期进展…</translation>
  </message>
  <message>
   <source>Programme targets</source>
   <translation>规划目标</translation>
  </message>
  <message>
   <source>Progress per target</source>
   <translation>各目标进展</translation>
  </message>
  <message>
   <source>Progress per zone</source>
   <translation>各区域进展</translation>
  </message>
  <message>
   <source>QGIS project</source>
   <translation>QGIS 工程</translation>
  </message>
  <message>
   <source>Radii (km)</source>
   <translation>半径（千米）</translation>
  </message>
  <message>
   <source>Radii (m)</source>
   <translation>半径（m）</translation>
  </message>
  <message>
   <source>Radii of the coverage shares per zone: the walk to the nearest service station along the roads when the year is a package or GeoPackage with a roads table, else straight line x 1.3.</source>
   <translation>各区域覆盖比例所用的半径：该年份为含 roads 表的成果包或 GeoPackage 时，沿道路计算到最近党群服务站的步行距离，否则取直线距离 × 1.3。</translation>
  </message>
  <message>
   <source>Read {} ({}); coordinates in {}.</source>
   <translation>已读取 {}（{}）；坐标列：{}。</translation>
  </message>
  <message>
   <source>Reading sites</source>
   <translation>正在读取点位</translation>
  </message>
  <message>
   <source>Rejected rows</source>
   <translation>被拒绝的行</translation>
  </message>
  <message>
   <source>Relation '{}' ({} links) is none of 供应/客户/合作/研发/服务: counted as other</source>
   <translation>关系“{}”（{} 条联系）不属于 供应/客户/合作/研发/服务：计为其他</translation>
  </message>
  <message>
   <source>Removed {} ({:.1f} MB), left by a run that is no longer running</source>
   <translation>已删除 {}（{:.1f} MB），这是已不在运行的任务遗留的暂存文件</translation>
  </message>
  <message>
   <source>Rename the field to at most 10 ASCII characters, or keep the data in a GeoPackage.</source>
   <translation>请将字段重命名为不超过 10 个 ASCII 字符，或将数据保存在 GeoPackage 中。</translation>
  </message>
  <message>
   <source>Replace an existing output table</source>
   <translation>替换已有的输出表</translation>
  </message>
  <message>
   <source>Replace an existing package</source>
   <translation>替换已有成果包</translation>
  </message>
  <message>
   <source>Replace an existing web map</source>
   <translation>替换已有的电子地图</translation>
  </message>
  <message>
   <source>Report folder</source>
   <translation>报告文件夹</translation>
  </message>
  <message>
   <source>Report language</source>
   <translation>报告语言</translation>
  </message>
  <message>
   <source>Report paper</source>
   <translation>报告纸张</translation>
  </message>
  <message>
   <source>Reporting zones</source>
   <translation>统计区域</translation>
  </message>
  <message>
   <source>Resolution (dpi)</source>
   <translation>分辨率（dpi）</translation>
  </message>
  <message>
   <source>Resolution of PNG maps (and of any raster part of PDF/SVG); 300 for print.</source>
   <translation>PNG 地图（以及 PDF/SVG 中栅格部分）的分辨率；用于打印时取 300。</translation>
  </message>
  <message>
   <source>Road lines walked in both directions; empty: straight line x DETOUR.</source>
   <translation>可双向步行的道路线；留空：直线距离 × DETOUR。</translation>
  </message>
  <message>
   <source>Roads</source>
   <translation>道路</translation>
  </message>
  <message>
   <source>Roads drawn under the zones and sites (optional).</source>
   <translation>绘制在区域和点位下方的道路（可选）。</translation>
  </message>
  <message>
   <source>Roads for the walking distances when SITES have no walk_m; empty: straight line x 1.3.</source>
   <translation>SITES 没有 walk_m 时用于计算步行距离的道路；留空：直线距离 × 1.3。</translation>
  </message>
  <message>
   <source>Roads not walked</source>
   <translation>不可步行的道路</translation>
  </message>
  <message>
   <source>Rows rejected</source>
   <translation>被拒绝行数</translation>
  </message>
  <message>
   <source>Rule for the one zone_type</source>
   <translation>确定唯一 zone_type 的规则</translation>
  </message>
  <message>
   <source>Run Vector geometry &gt; Fix geometries, or correct the self-intersection with the vertex tool.</source>
   <translation>请运行“矢量几何 &gt; 修复几何图形”，或用顶点工具修正自相交。</translation>
  </message>
  <message>
   <source>Run beltmap:evaluationindex on the zones with its built-in indicators and add the index (tables in belt.gpkg and CSV, a graded layer in the project, a bar chart of the scores as PNG and SVG). Indicative only: the official index's indicators are not public; the built-in set is a documented starting point (15-minute life circle guideline).</source>
   <translation>使用内置指标对各区域运行 beltmap:evaluationindex 并加入综合评价指数（belt.gpkg 中的表格及 CSV、工程中的分级图层、PNG 和 SVG 格式的得分柱状图）。仅供参考：官方指数的指标并未公开；内置指标集是一套有文档说明的起点（依据15分钟社区生活圈规划导则）。</translation>
  </message>
  <message>
   <source>Run beltmap:evaluationindex on the zones; a zone's info panel shows its score and grade.</source>
   <translation>对各区域运行 beltmap:evaluationindex；区域信息面板显示其得分与等级。</translation>
  </message>
  <message>
   <source>Run beltmap:servicecoverage on the sites (stations: the sites of category service_station); a site's info panel shows the walk in metres and minutes.</source>
   <translation>对点位运行 beltmap:servicecoverage（服务站：类别为 service_station 的点位）；点位信息面板显示步行距离（米）和时间（分钟）。</translation>
  </message>
  <message>
   <source>Run beltmap:tagzones on the sites before writing them (adds zone_type, zone_id, …).</source>
   <translation>写出点位前先对其运行 beltmap:tagzones（添加 zone_type、zone_id、…）。</translation>
  </message>
  <message>
   <source>Run even if validation finds errors</source>
   <translation>校验发现错误时仍然运行</translation>
  </message>
  <message>
   <source>SITES have no zone_type field: no rates per zone type (give ZONES)</source>
   <translation>SITES 没有 zone_type 字段：不计算各区域类型覆盖率（请提供 ZONES）</translation>
  </message>
  <message>
   <source>SITES must be one or more vector layers</source>
   <translation>SITES 必须是一个或多个矢量图层</translation>
  </message>
  <message>
   <source>STATION_ID_FIELD: the stations have no field '{}' (fields: {}); name one of them, or leave it empty for generated ids</source>
   <translation>STATION_ID_FIELD：服务站没有字段“{}”（现有字段：{}）；请指定其中一个，或留空以自动生成编号</translation>
  </message>
  <message>
   <source>Saving belt.qgz</source>
   <translation>正在保存 belt.qgz</translation>
  </message>
  <message>
   <source>Schema '{}' of '{}' has no table with a geometry.</source>
   <translation>'{}'（'{}'）模式中没有含几何的表。</translation>
  </message>
  <message>
   <source>Score chart</source>
   <translation>得分图</translation>
  </message>
  <message>
   <source>Service coverage (walking distance to stations)</source>
   <translation>服务覆盖率（到党群服务站的步行距离）</translation>
  </message>
  <message>
   <source>Service coverage: {} stations, sites within {}.</source>
   <translation>服务覆盖：{} 个服务站；各半径内的点位比例：{}。</translation>
  </message>
  <message>
   <source>Service coverage…</source>
   <translation>服务覆盖（一站多点）…</translation>
  </message>
  <message>
   <source>Service stations (continued)</source>
   <translation>党群服务站（续表）</translation>
  </message>
  <message>
   <source>Service stations: overview</source>
   <translation>党群服务站：总览</translation>
  </message>
  <message>
   <source>Set its CRS (Layer Properties &gt; Source; EPSG:4490 for CGCS2000 lon/lat) and save it.</source>
   <translation>请设置其坐标参考系（图层属性 &gt; 源；CGCS2000 经纬度为 EPSG:4490）并保存。</translation>
  </message>
  <message>
   <source>Severity</source>
   <translation>严重程度</translation>
  </message>
  <message>
   <source>Share of the leaders' partners in the belt</source>
   <translation>链主合作企业位于实践带内的比例</translation>
  </message>
  <message>
   <source>Sheet (XLSX)</source>
   <translation>工作表（XLSX）</translation>
  </message>
  <message>
   <source>Side of a grid cell in metres (EPSG:4549), for grid units.</source>
   <translation>格网单元边长，单位为米（EPSG:4549），用于 grid 单元。</translation>
  </message>
  <message>
   <source>Site changes</source>
   <translation>点位变化</translation>
  </message>
  <message>
   <source>Site list (CSV or XLSX)</source>
   <translation>点位清单（CSV 或 XLSX）</translation>
  </message>
  <message>
   <source>Site lists (*.csv *.txt *.tsv *.xlsx);;All files (*.*)</source>
   <translation>点位清单 (*.csv *.txt *.tsv *.xlsx);;所有文件 (*.*)</translation>
  </message>
  <message>
   <source>Site moves</source>
   <translation>点位迁移</translation>
  </message>
  <message>
   <source>Site {} ('{}') lies outside the belt.</source>
   <translation>点位 {}（“{}”）位于实践带之外。</translation>
  </message>
  <message>
   <source>Site {} has the same name as site {} and lies {:.1f} m from it.</source>
   <translation>点位 {} 与点位 {} 同名，且相距 {:.1f} m。</translation>
  </message>
  <message>
   <source>Sites</source>
   <translation>点位</translation>
  </message>
  <message>
   <source>Sites added</source>
   <translation>新增点位数</translation>
  </message>
  <message>
   <source>Sites changed</source>
   <translation>属性变更点位数</translation>
  </message>
  <message>
   <source>Sites imported</source>
   <translation>已导入点位数</translation>
  </message>
  <message>
   <source>Sites matched by key field '{}'</source>
   <translation>点位按键字段“{}”匹配</translation>
  </message>
  <message>
   <source>Sites measured along roads</source>
   <translation>沿道路测距的点位数</translation>
  </message>
  <message>
   <source>Sites measured in a straight line x detour</source>
   <translation>按直线距离 × 绕行系数测距的点位数</translation>
  </message>
  <message>
   <source>Sites moved</source>
   <translation>迁移点位数</translation>
  </message>
  <message>
   <source>Sites on the map</source>
   <translation>地图上的点位</translation>
  </message>
  <message>
   <source>Sites removed</source>
   <translation>撤销点位数</translation>
  </message>
  <message>
   <source>Sites retagged</source>
   <translation>所属区域变化点位数</translation>
  </message>
  <message>
   <source>Sites served within {} m: {} ({})</source>
   <translation>{} m 内服务的点位：{} 个（{}）</translation>
  </message>
  <message>
   <source>Sites unchanged</source>
   <translation>未变点位数</translation>
  </message>
  <message>
   <source>Sites with coverage</source>
   <translation>含覆盖信息的点位</translation>
  </message>
  <message>
   <source>Sites written feature by feature ({})</source>
   <translation>逐个要素写入点位（{}）</translation>
  </message>
  <message>
   <source>Snap the shared edge (snapping toolbar, or Vector &gt; Geometry tools) or merge them.</source>
   <translation>请对齐共用边界（使用捕捉工具栏，或“矢量 &gt; 几何图形工具”），或将两者合并。</translation>
  </message>
  <message>
   <source>Some years have no service station: their coverage is 0 % and their walks are missing</source>
   <translation>部分年份没有党群服务站：其覆盖率为 0 %，步行距离缺失</translation>
  </message>
  <message>
   <source>Spokes (station to served site)</source>
   <translation>服务连线（服务站至所服务点位）</translation>
  </message>
  <message>
   <source>Station</source>
   <translation>服务站</translation>
  </message>
  <message>
   <source>Station category</source>
   <translation>服务站类别</translation>
  </message>
  <message>
   <source>Station ids from the field {}</source>
   <translation>服务站编号取自字段 {}</translation>
  </message>
  <message>
   <source>Station key field</source>
   <translation>服务站编号字段</translation>
  </message>
  <message>
   <source>Station {} (continued)</source>
   <translation>服务站 {}（续表）</translation>
  </message>
  <message>
   <source>Station {} {}</source>
   <translation>服务站 {} {}</translation>
  </message>
  <message>
   <source>Stations</source>
   <translation>党群服务站</translation>
  </message>
  <message>
   <source>Subtitle</source>
   <translation>副标题</translation>
  </message>
  <message>
   <source>Summarising sites per zone</source>
   <translation>正在按区域汇总点位</translation>
  </message>
  <message>
   <source>TARGETS row {}: no site of any year has the category '{}' (categories: {})</source>
   <translation>TARGETS 第 {} 行：任何年份都没有类别为“{}”的点位（现有类别：{}）</translation>
  </message>
  <message>
   <source>TARGETS row {}: no year {} among the years: unable to assess</source>
   <translation>TARGETS 第 {} 行：所给年份中没有 {} 年：无法评估</translation>
  </message>
  <message>
   <source>TARGETS row {}: target_year {} is not after the baseline year {}</source>
   <translation>TARGETS 第 {} 行：目标年份 {} 不晚于基准年份 {}</translation>
  </message>
  <message>
   <source>TARGETS row {}: the chain indicator '{}' is about its leader's partners: its scope must be belt (全带), not '{}'</source>
   <translation>TARGETS 第 {} 行：产业链指标“{}”针对链主的合作企业：其范围必须为 belt（全带），而不是“{}”</translation>
  </message>
  <message>
   <source>TARGETS row {}: the scope '{}' is neither belt, a zone_id of the reporting zones ({}{}) nor a zone type (key or Chinese name, e.g. park / 园区)</source>
   <translation>TARGETS 第 {} 行：范围“{}”既不是 belt，也不是统计区域的 zone_id（{}{}），也不是区域类型（键或中文名，如 park / 园区）</translation>
  </message>
  <message>
   <source>TARGETS row {}: unknown indicator '{}'; known: {}</source>
   <translation>TARGETS 第 {} 行：未知指标“{}”；可用指标：{}</translation>
  </message>
  <message>
   <source>Table of the rows that could not be placed: row number, reason and the raw values.</source>
   <translation>无法定位的行：行号、原因及原始值。</translation>
  </message>
  <message>
   <source>Table: severity, layer, feature_id, check, message, fix, feature (zone_id and name of a zone, id and name of a site).</source>
   <translation>表：严重程度、图层、要素编号、检查项、问题、修正方法、要素（区域的 zone_id 与名称，点位的编号与名称）。</translation>
  </message>
  <message>
   <source>Tag features by zone</source>
   <translation>为要素标注所属区域</translation>
  </message>
  <message>
   <source>Tag sites by zone first</source>
   <translation>先为点位标注所属区域</translation>
  </message>
  <message>
   <source>Tag zones…</source>
   <translation>标注所属区域…</translation>
  </message>
  <message>
   <source>Tagged</source>
   <translation>已标注</translation>
  </message>
  <message>
   <source>Tagged features</source>
   <translation>已标注要素</translation>
  </message>
  <message>
   <source>Tagged {} sites: {} in a zone, {} in none, {} on zone edges, {} outside the belt.</source>
   <translation>已标注 {} 个点位：{} 个位于区域内，{} 个不在任何区域内，{} 个位于区域边界上，{} 个位于实践带外。</translation>
  </message>
  <message>
   <source>Tagging and counting in PostGIS: INPUT and ZONES in one PostGIS database</source>
   <translation>在 PostGIS 中标注并统计：INPUT 和 ZONES 位于同一 PostGIS 数据库</translation>
  </message>
  <message>
   <source>Tagging feature by feature ({})</source>
   <translation>逐要素标注（{}）</translation>
  </message>
  <message>
   <source>Tagging finished but gave no layer.</source>
   <translation>标注已完成，但未生成图层。</translation>
  </message>
  <message>
   <source>Tagging the sites by zone</source>
   <translation>正在为点位标注所属区域</translation>
  </message>
  <message>
   <source>Tags every feature of a layer (points, lines, polygons) with the park, community, street, exhibition or scenic zone it lies in, and whether it is inside the practice belt.</source>
   <translation>为图层中的每个要素（点、线、面）标注其所在的园区、社区、街区、展区或景区，并标明是否位于实践带内。</translation>
  </message>
  <message>
   <source>Targets achieved</source>
   <translation>已达成的目标数</translation>
  </message>
  <message>
   <source>Targets deteriorating</source>
   <translation>倒退的目标数</translation>
  </message>
  <message>
   <source>Targets needing acceleration</source>
   <translation>需加快的目标数</translation>
  </message>
  <message>
   <source>Targets on track</source>
   <translation>按期推进的目标数</translation>
  </message>
  <message>
   <source>Targets table</source>
   <translation>目标表</translation>
  </message>
  <message>
   <source>Targets unable to assess</source>
   <translation>无法评估的目标数</translation>
  </message>
  <message>
   <source>Targets with limited progress</source>
   <translation>进展有限的目标数</translation>
  </message>
  <message>
   <source>Text encoding</source>
   <translation>文本编码</translation>
  </message>
  <message>
   <source>The SITES layers have different geometry types: give layers of one type</source>
   <translation>SITES 图层的几何类型不一致：请提供同一几何类型的图层</translation>
  </message>
  <message>
   <source>The algorithm failed; see the Belt Map log.</source>
   <translation>算法运行失败，请查看实践带地图日志。</translation>
  </message>
  <message>
   <source>The belt boundary: the grid covers it, clipped to it.</source>
   <translation>实践带边界：格网覆盖该边界并按其裁剪。</translation>
  </message>
  <message>
   <source>The belt covers {:.2f} km², far from the expected {:.0f} km².</source>
   <translation>实践带面积为 {:.2f} km²，与预期的 {:.0f} km² 相差很大。</translation>
  </message>
  <message>
   <source>The belt's sites (firms); lines and polygons count at a point on their surface.</source>
   <translation>实践带的点位（企业）；线和面取其表面上的一点。</translation>
  </message>
  <message>
   <source>The evaluation index could not be computed (set INDEX to false to export without it): {}</source>
   <translation>无法计算综合评价指数（将 INDEX 设为 false 可在不含该指数的情况下导出）：{}</translation>
  </message>
  <message>
   <source>The evaluation index finished but gave no layer.</source>
   <translation>综合评价指数已完成，但未生成图层。</translation>
  </message>
  <message>
   <source>The expression of roads people may not walk cannot be read: {} ({})</source>
   <translation>无法解析不可步行道路的表达式：{}（{}）</translation>
  </message>
  <message>
   <source>The field name '{}' is longer than 10 bytes: a shapefile would cut it to '{}'.</source>
   <translation>字段名“{}”超过 10 个字节：shapefile 会将其截断为“{}”。</translation>
  </message>
  <message>
   <source>The five-year programme: the indicators of every year and scope, the progress of every target (achieved, on track, acceleration needed, limited, deterioration, unable to assess) and the status of every zone, with a progress report.</source>
   <translation>五年期战略规划：各年份、各范围的指标，每项目标的进展（已达成、按期推进、需加快、进展有限、倒退、无法评估）及每个区域的状态，并生成进展报告。</translation>
  </message>
  <message>
   <source>The folder that receives index.html and its files: a new or empty folder, or a web map.</source>
   <translation>接收 index.html 及其文件的文件夹：新建或空的文件夹，或已有的电子地图。</translation>
  </message>
  <message>
   <source>The folder that receives the package folder named by NAME (and NAME.zip).</source>
   <translation>存放成果包文件夹（名称由 NAME 指定，及 NAME.zip）的文件夹。</translation>
  </message>
  <message>
   <source>The layer has no coordinate reference system, so it cannot be placed on the map.</source>
   <translation>该图层没有坐标参考系，无法在地图上定位。</translation>
  </message>
  <message>
   <source>The layer has no features.</source>
   <translation>该图层没有要素。</translation>
  </message>
  <message>
   <source>The layer has no field '{}'.</source>
   <translation>该图层没有字段“{}”。</translation>
  </message>
  <message>
   <source>The layer is in a geographic CRS ({}): areas and distances are computed in {}.</source>
   <translation>该图层使用地理坐标参考系（{}）：面积和距离将在 {} 中计算。</translation>
  </message>
  <message>
   <source>The output table {} exists; set OVERWRITE to replace it</source>
   <translation>输出表 {} 已存在；设置 OVERWRITE 以替换它</translation>
  </message>
  <message>
   <source>The package's GeoPackage (belt.gpkg)</source>
   <translation>成果包的 GeoPackage（belt.gpkg）</translation>
  </message>
  <message>
   <source>The package's year, e.g. 2025 (default: the current year), written to manifest.json as label and year. beltchanges and beltprogress name the year by it.</source>
   <translation>成果包的年份，如 2025（默认：当前年份），以 label 和 year 写入 manifest.json。beltchanges 和 beltprogress 用它命名年份。</translation>
  </message>
  <message>
   <source>The page's title.</source>
   <translation>网页标题。</translation>
  </message>
  <message>
   <source>The panel's summary could not be counted: {}</source>
   <translation>面板汇总无法统计：{}</translation>
  </message>
  <message>
   <source>The practice belt boundary (polygon layer with a name field).</source>
   <translation>实践带边界（含 name 字段的面图层）。</translation>
  </message>
  <message>
   <source>The practice belt boundary (polygons).</source>
   <translation>实践带边界（面）。</translation>
  </message>
  <message>
   <source>The road layer has no usable lines: straight line x detour</source>
   <translation>道路图层没有可用的线：改用直线距离 × 绕行系数</translation>
  </message>
  <message>
   <source>The roads (lines); used to spot GCJ-02/BD-09 shifted sites.</source>
   <translation>道路（线）；用于发现存在 GCJ-02/BD-09 偏移的点位。</translation>
  </message>
  <message>
   <source>The same report as a web page.</source>
   <translation>网页形式的同一份报告。</translation>
  </message>
  <message>
   <source>The sheet of an XLSX links table; the first sheet when empty.</source>
   <translation>XLSX 联系表的工作表；留空取第一个工作表。</translation>
  </message>
  <message>
   <source>The sheet of an XLSX workbook to read; the first sheet when empty.</source>
   <translation>要读取的 XLSX 工作簿中的工作表；留空时读取第一个工作表。</translation>
  </message>
  <message>
   <source>The sites (category field; zone_type from beltmap:tagzones for LUM over zone types; walk_m measured here, as beltmap:servicecoverage does, when coverage indicators need it).</source>
   <translation>点位（含类别字段；按区域类型计算 LUM 时需要 beltmap:tagzones 生成的 zone_type；覆盖率指标需要 walk_m 时，会在此按 beltmap:servicecoverage 的方法测量）。</translation>
  </message>
  <message>
   <source>The sites as points, with every column of the list (ASCII field names of at most 10 characters), coord_src and src_row.</source>
   <translation>点位（点图层），包含清单的所有列（字段名为不超过 10 个字符的 ASCII）以及 coord_src 和 src_row。</translation>
  </message>
  <message>
   <source>The sites look like {} coordinates used as WGS84: {}.</source>
   <translation>这些点位似乎是被当作 WGS84 使用的 {} 坐标：{}。</translation>
  </message>
  <message>
   <source>The sites to reach (points; lines and polygons use a point on their surface).</source>
   <translation>需要到达的点位（点；线和面取其表面上的一点）。</translation>
  </message>
  <message>
   <source>The stations have no key field: ids are 'S' and the feature id</source>
   <translation>服务站没有编号字段：编号取 'S' 加要素编号</translation>
  </message>
  <message>
   <source>The tagged sites could not be read back from {}</source>
   <translation>无法从 {} 读回已标注的点位</translation>
  </message>
  <message>
   <source>The title printed on top of every map.</source>
   <translation>打印在每幅地图顶部的标题。</translation>
  </message>
  <message>
   <source>The walk to the nearest service station could not be measured (set COVERAGE to false to export without it): {}</source>
   <translation>无法测量到最近党群服务站的步行距离（将 COVERAGE 设为 false 可在不含该项的情况下导出）：{}</translation>
  </message>
  <message>
   <source>The zones (needed for zones and zone_types units; bounds the grid without BELT).</source>
   <translation>区域图层（zones 和 zone_types 单元必需；未提供 BELT 时用于确定格网范围）。</translation>
  </message>
  <message>
   <source>The zones (polygons with zone_id, name and zone_type).</source>
   <translation>区域（含 zone_id、name 和 zone_type 的面）。</translation>
  </message>
  <message>
   <source>The zones layer has no zone type field (one of: {}).</source>
   <translation>区域图层没有区域类型字段（应为以下之一：{}）。</translation>
  </message>
  <message>
   <source>The {} layer has {} geometry, but it needs {}.</source>
   <translation>{} 图层的几何类型为 {}，但需要 {}。</translation>
  </message>
  <message>
   <source>Title</source>
   <translation>标题</translation>
  </message>
  <message>
   <source>Tolerance (m)</source>
   <translation>容差（m）</translation>
  </message>
  <message>
   <source>Turns a CSV or XLSX site list with longitude/latitude (WGS84, GCJ-02 from AMap or Tencent, BD-09 from Baidu, CGCS2000 or any EPSG code) into points. Rows that cannot be placed go to an errors table with their row number and the reason; none is dropped silently.</source>
   <translation>将带经纬度的 CSV 或 XLSX 点位清单（WGS84、来自高德或腾讯的 GCJ-02、来自百度的 BD-09、CGCS2000 或任意 EPSG 代码）转换为点。无法定位的行连同行号和原因写入错误表，不会静默丢弃任何一行。</translation>
  </message>
  <message>
   <source>Turns walk_m into walk_min.</source>
   <translation>用于将 walk_m 换算为 walk_min。</translation>
  </message>
  <message>
   <source>Two or more years, in any order: package folders, package ZIPs or GeoPackages with the tables sites and zones (belt, stations, roads optional). One path a line (or separated by ;'); on the command line --YEARS=a --YEARS=b. A year is named by its manifest's label, else by a four-digit year in its file or folder name, else by LABELS.</source>
   <translation>两个或更多年份，顺序不限：成果包文件夹、成果包 ZIP 或含 sites 和 zones 表（belt、stations、roads 可选）的 GeoPackage。每行一个路径（或以 ;' 分隔）；命令行中为 --YEARS=a --YEARS=b。年份取自成果包清单的 label，否则取文件或文件夹名中的四位年份，否则取 LABELS。</translation>
  </message>
  <message>
   <source>UNKNOWN_AS '{}' is not a zone type</source>
   <translation>UNKNOWN_AS 的值“{}”不是区域类型</translation>
  </message>
  <message>
   <source>Unit ranked first</source>
   <translation>排名第一的单元</translation>
  </message>
  <message>
   <source>Units</source>
   <translation>评价单元</translation>
  </message>
  <message>
   <source>Units compared</source>
   <translation>参评单元数</translation>
  </message>
  <message>
   <source>Unknown coordinate system '{}'. Use WGS84, GCJ02, BD09, CGCS2000 or EPSG:code.</source>
   <translation>未知的坐标系“{}”。请使用 WGS84、GCJ02、BD09、CGCS2000 或 EPSG:code。</translation>
  </message>
  <message>
   <source>Unknown type</source>
   <translation>未知类型</translation>
  </message>
  <message>
   <source>Unknown zone types in the zones layer; fix them or set UNKNOWN_AS:
{}</source>
   <translation>区域图层中有未知的区域类型；请修正或设置 UNKNOWN_AS：
{}</translation>
  </message>
  <message>
   <source>Unmatched links</source>
   <translation>未匹配的联系</translation>
  </message>
  <message>
   <source>Untagged</source>
   <translation>未标注</translation>
  </message>
  <message>
   <source>Used when the year is not given as a package or GeoPackage.</source>
   <translation>该年份未以成果包或 GeoPackage 提供时使用。</translation>
  </message>
  <message>
   <source>Validate belt data</source>
   <translation>校验实践带数据</translation>
  </message>
  <message>
   <source>Validate…</source>
   <translation>数据校验…</translation>
  </message>
  <message>
   <source>Validation found {} error(s) in the belt data; nothing was written:</source>
   <translation>数据校验在实践带数据中发现 {} 个错误，未写出任何内容：</translation>
  </message>
  <message>
   <source>Validation report</source>
   <translation>校验报告</translation>
  </message>
  <message>
   <source>Validation report (HTML)</source>
   <translation>校验报告（HTML）</translation>
  </message>
  <message>
   <source>Validation: {} errors, {} warnings.</source>
   <translation>数据校验：{} 个错误，{} 个警告。</translation>
  </message>
  <message>
   <source>Vectorised tagging (shapely {}, pyogrio {})</source>
   <translation>向量化标注（shapely {}，pyogrio {}）</translation>
  </message>
  <message>
   <source>Vectorised tagging failed, tagging feature by feature: {}</source>
   <translation>向量化标注失败，改为逐要素标注：{}</translation>
  </message>
  <message>
   <source>Vectorised tagging impossible: {}</source>
   <translation>无法进行向量化标注：{}</translation>
  </message>
  <message>
   <source>WGS84 (GPS, OpenStreetMap), GCJ02 (AMap/高德, Tencent/腾讯), BD09 (Baidu/百度), CGCS2000, or any CRS as EPSG:code (e.g. EPSG:4549 for metres).</source>
   <translation>WGS84（GPS、OpenStreetMap）、GCJ02（高德/AMap、腾讯/Tencent）、BD09（百度/Baidu）、CGCS2000，或以 EPSG:code 表示的任意坐标参考系（如以米为单位的 EPSG:4549）。</translation>
  </message>
  <message>
   <source>Waiting for {}, another program is writing it</source>
   <translation>正在等待 {}，另一程序正在写入</translation>
  </message>
  <message>
   <source>Walk along the roads not measured ({}): straight line x {}</source>
   <translation>未能沿道路测量步行距离（{}）：改用直线距离 × {}</translation>
  </message>
  <message>
   <source>Walk to the nearest service station</source>
   <translation>到最近党群服务站的步行距离</translation>
  </message>
  <message>
   <source>Walking distance = straight line x this factor where no road network is used.</source>
   <translation>不使用道路网络时，步行距离 = 直线距离 × 此系数。</translation>
  </message>
  <message>
   <source>Walking distances cannot be measured: no site has the category of STATION_CATEGORY ({}), or the measuring failed. The indicators that need them are left out.</source>
   <translation>无法测量步行距离：没有点位属于 STATION_CATEGORY 的类别（{}），或测量失败。需要步行距离的指标已略去。</translation>
  </message>
  <message>
   <source>Walking distances in metres, comma-separated; one cov_R flag per radius R (e.g. cov_500).</source>
   <translation>步行距离（米），以逗号分隔；每个半径 R 生成一个 cov_R 标志字段（如 cov_500）。</translation>
  </message>
  <message>
   <source>Walking radii (m)</source>
   <translation>步行半径（m）</translation>
  </message>
  <message>
   <source>Walking speed (m/s)</source>
   <translation>步行速度（m/s）</translation>
  </message>
  <message>
   <source>Warning</source>
   <translation>警告</translation>
  </message>
  <message>
   <source>Warnings</source>
   <translation>警告数</translation>
  </message>
  <message>
   <source>Web map written to {}</source>
   <translation>电子地图已写入 {}</translation>
  </message>
  <message>
   <source>Web page</source>
   <translation>网页</translation>
  </message>
  <message>
   <source>Weight field</source>
   <translation>权重字段</translation>
  </message>
  <message>
   <source>Weight of {}: {:.4f} ({})</source>
   <translation>{} 的权重：{:.4f}（{}）</translation>
  </message>
  <message>
   <source>Weights per indicator (JSON)</source>
   <translation>各指标权重（JSON）</translation>
  </message>
  <message>
   <source>What changed between two years of the belt: sites added, removed, moved, changed or retagged; zones added, removed, reshaped, retyped, renamed, split or merged; per zone, the figures of both years and their difference, with the evaluation index on one scale for both years.</source>
   <translation>实践带两个年份之间的变化：点位的新增、撤销、迁移、属性变更或所属区域变化；区域的新增、撤销、边界调整、类型变更、更名、拆分或合并；各区域两个年份的指标及其差值，两个年份的综合评价指数按同一尺度计算。</translation>
  </message>
  <message>
   <source>Where to write “{}”: a temporary layer, or a file (GeoPackage, shapefile, CSV …).</source>
   <translation>“{}”的写出位置：临时图层，或文件（GeoPackage、shapefile、CSV …）。</translation>
  </message>
  <message>
   <source>Without it a folder that already holds a web map is an error and is left untouched.</source>
   <translation>不勾选时，已含电子地图的文件夹会报错，且保持原样不动。</translation>
  </message>
  <message>
   <source>Without it an existing package (or zip) of that name is an error and is left untouched.</source>
   <translation>不勾选时，如已存在同名成果包（或 zip），将报错并保持原样。</translation>
  </message>
  <message>
   <source>Writes the belt map package: a GeoPackage with styles and metadata, a project with print layouts, print-ready maps (PDF, PNG, SVG) with Chinese text checked against the font, the zone summary table, a manifest with checksums and a README in Chinese and English.</source>
   <translation>写出实践带地图成果包：包含样式和元数据的 GeoPackage、含打印布局的工程、可直接打印的地图（PDF、PNG、SVG，中文文字已按字体检查）、区域汇总表、带校验和的清单文件，以及中英文 README。</translation>
  </message>
  <message>
   <source>Writes the belt's electronic map: an offline web page (index.html and its files) with the belt, the zones by type, the sites by category, the roads, a legend with filters, search, an info panel and shareable links. It opens with a double-click, without any network.</source>
   <translation>写出实践带电子地图：一个离线网页（index.html 及其文件），包含实践带边界、按类型显示的区域、按类别显示的点位、道路、可筛选的图例、搜索、信息面板和可分享的链接。双击即可打开，无需任何网络。</translation>
  </message>
  <message>
   <source>Writing README.txt and manifest.json</source>
   <translation>正在写出 README.txt 和 manifest.json</translation>
  </message>
  <message>
   <source>Writing belt.gpkg</source>
   <translation>正在写出 belt.gpkg</translation>
  </message>
  <message>
   <source>Writing the web map</source>
   <translation>正在写出电子地图</translation>
  </message>
  <message>
   <source>Writing the zip file</source>
   <translation>正在写出 zip 文件</translation>
  </message>
  <message>
   <source>YEARS: {} year given; progress needs two or more years (packages or GeoPackages)</source>
   <translation>YEARS：只给出了 {} 个年份；进展评估需要两个或更多年份（成果包或 GeoPackage）</translation>
  </message>
  <message>
   <source>Year label</source>
   <translation>年份标签</translation>
  </message>
  <message>
   <source>Years</source>
   <translation>年份数</translation>
  </message>
  <message>
   <source>Years (packages or GeoPackages)</source>
   <translation>年份（成果包或 GeoPackage）</translation>
  </message>
  <message>
   <source>Years: {}</source>
   <translation>年份：{}</translation>
  </message>
  <message>
   <source>Zip file</source>
   <translation>Zip 文件</translation>
  </message>
  <message>
   <source>Zone</source>
   <translation>区域</translation>
  </message>
  <message>
   <source>Zone changes</source>
   <translation>区域变化</translation>
  </message>
  <message>
   <source>Zone deltas</source>
   <translation>区域前后对比</translation>
  </message>
  <message>
   <source>Zone deltas, coverage shares and index not computed: no ZONE_DELTAS, report or package asked</source>
   <translation>未计算区域前后对比、覆盖比例和评价指数：未要求 ZONE_DELTAS、报告或成果包</translation>
  </message>
  <message>
   <source>Zone id field</source>
   <translation>区域编号字段</translation>
  </message>
  <message>
   <source>Zone name field</source>
   <translation>区域名称字段</translation>
  </message>
  <message>
   <source>Zone rows</source>
   <translation>区域行数</translation>
  </message>
  <message>
   <source>Zone summary</source>
   <translation>区域汇总</translation>
  </message>
  <message>
   <source>Zone summary CSV</source>
   <translation>区域汇总 CSV</translation>
  </message>
  <message>
   <source>Zone summary ready: {} rows.</source>
   <translation>区域汇总完成：共 {} 行。</translation>
  </message>
  <message>
   <source>Zone summary…</source>
   <translation>区域汇总…</translation>
  </message>
  <message>
   <source>Zone type field</source>
   <translation>区域类型字段</translation>
  </message>
  <message>
   <source>Zone type for unknown values</source>
   <translation>未知值对应的区域类型</translation>
  </message>
  <message>
   <source>Zone {} has no usable polygon and tags nothing</source>
   <translation>区域 {} 没有可用的多边形，不会标注任何要素</translation>
  </message>
  <message>
   <source>Zone {} has no zone id.</source>
   <translation>区域 {} 没有区域编号。</translation>
  </message>
  <message>
   <source>Zone {} has no zone type.</source>
   <translation>区域 {} 没有区域类型。</translation>
  </message>
  <message>
   <source>Zone {} has the id '{}', which zone {} has too.</source>
   <translation>区域 {} 的编号“{}”与区域 {} 重复。</translation>
  </message>
  <message>
   <source>Zone {} has the unknown zone type '{}' (nearest known type: '{}').</source>
   <translation>区域 {} 的区域类型“{}”未知（最接近的已知类型：“{}”）。</translation>
  </message>
  <message>
   <source>Zone {} lies outside the belt.</source>
   <translation>区域 {} 位于实践带之外。</translation>
  </message>
  <message>
   <source>Zone {} lies {:.0%} outside the belt.</source>
   <translation>区域 {} 有 {:.0%} 位于实践带之外。</translation>
  </message>
  <message>
   <source>Zone {} was invalid and repaired with makeValid: {}</source>
   <translation>区域 {} 几何无效，已用 makeValid 修复：{}</translation>
  </message>
  <message>
   <source>Zone: {}</source>
   <translation>区域：{}</translation>
  </message>
  <message>
   <source>Zones</source>
   <translation>区域</translation>
  </message>
  <message>
   <source>Zones changed</source>
   <translation>发生变化的区域数</translation>
  </message>
  <message>
   <source>Zones for areas, for rows of zones without features and for tagging on the fly.</source>
   <translation>区域图层，用于计算面积、为没有要素的区域生成行，以及即时标注。</translation>
  </message>
  <message>
   <source>Zones layer '{}' has no zone type field. Add a field named one of: {}.</source>
   <translation>区域图层“{}”没有区域类型字段。请添加一个字段，字段名取以下之一：{}。</translation>
  </message>
  <message>
   <source>Zones layer '{}', field '{}', has unknown zone types: {}. Known types: {}.</source>
   <translation>区域图层“{}”的字段“{}”中有未知的区域类型：{}。已知类型：{}。</translation>
  </message>
  <message>
   <source>Zones on the map</source>
   <translation>地图上的区域</translation>
  </message>
  <message>
   <source>Zones repaired</source>
   <translation>已修复的区域数</translation>
  </message>
  <message>
   <source>Zones used to tag SITES (beltmap:tagzones) when they have no zone_type field.</source>
   <translation>SITES 没有 zone_type 字段时，用于为其标注所属区域（beltmap:tagzones）的区域图层。</translation>
  </message>
  <message>
   <source>Zones with zone_id, name and zone_type (a key, Chinese name or alias).</source>
   <translation>区域，含 zone_id、name 和 zone_type（键、中文名称或别名）。</translation>
  </message>
  <message>
   <source>Zones {} and {}, both of type {}, overlap by {:.0f} m².</source>
   <translation>区域 {} 与 {} 同为 {} 类型，重叠 {:.0f} m²。</translation>
  </message>
  <message>
   <source>Zoom to</source>
   <translation>缩放至</translation>
  </message>
  <message>
   <source>an empty folder</source>
   <translation>空文件夹</translation>
  </message>
  <message>
   <source>atlas pages</source>
   <translation>图集页面</translation>
  </message>
  <message>
   <source>auto picks landscape for a wide belt and portrait for a tall one.</source>
   <translation>auto：实践带较宽时选横向，较高时选纵向。</translation>
  </message>
  <message>
   <source>benefit: more is better; cost: less is better.</source>
   <translation>benefit：越大越好；cost：越小越好。</translation>
  </message>
  <message>
   <source>cannot create {}: {}</source>
   <translation>无法创建 {}：{}</translation>
  </message>
  <message>
   <source>cannot write {}: {}</source>
   <translation>无法写入 {}：{}</translation>
  </message>
  <message>
   <source>either year</source>
   <translation>两个年份</translation>
  </message>
  <message>
   <source>empty ({} zones)</source>
   <translation>空值（{} 个区域）</translation>
  </message>
  <message>
   <source>field {} has type {}</source>
   <translation>字段 {} 的类型为 {}</translation>
  </message>
  <message>
   <source>labels of {}</source>
   <translation>{} 的标注</translation>
  </message>
  <message>
   <source>largest_overlap measures in {}, not in the input's CRS</source>
   <translation>largest_overlap 在 {} 中量算，而非在输入的坐标参考系中</translation>
  </message>
  <message>
   <source>latest: every year on the latest year's zones (each year's sites tagged into them), so a series is about the ground; each: each year's own zones, matched by zone_id.</source>
   <translation>latest：各年份均按最新年份的区域统计（各年份点位标注到这些区域），使序列反映实地变化；each：各年份用自身的区域，按 zone_id 对应。</translation>
  </message>
  <message>
   <source>layout</source>
   <translation>打印布局</translation>
  </message>
  <message>
   <source>legend of {}</source>
   <translation>{} 的图例</translation>
  </message>
  <message>
   <source>linear: the straight path from baseline to target (works from a zero baseline); growth: Open SDG's compound growth rates, same thresholds.</source>
   <translation>linear：从基准值到目标值的直线路径（基准值为零时也适用）；growth：Open SDG 的复合增长率方法，阈值相同。</translation>
  </message>
  <message>
   <source>map texts</source>
   <translation>地图文字</translation>
  </message>
  <message>
   <source>moved back from {}, {} more of its {} sites fall inside the belt ({} fewer), and {} more lie within {:.0f} m of a road</source>
   <translation>按 {} 纠偏后，其 {} 个点位中多出 {} 个落入实践带内（另有 {} 个移出），且多出 {} 个位于道路 {:.0f} m 范围内</translation>
  </message>
  <message>
   <source>none</source>
   <translation>无</translation>
  </message>
  <message>
   <source>none (default): no basemap, the page needs no network. tianditu: the page offers Tianditu's vector and imagery tiles (天地图, Web Mercator) under the zones; each viewer types their own Tianditu key in the page (or opens index.html?tdt=KEY); the key stays in their browser and is never written into the web map. Without network or with a wrong key the page says so and shows the map without a basemap.</source>
   <translation>none（默认）：不加底图，页面无需联网。tianditu：页面在区域下方提供天地图的矢量和影像瓦片（Web 墨卡托）；每位查看者在页面中输入自己的天地图密钥（或打开 index.html?tdt=KEY）；密钥只保存在其浏览器中，绝不写入电子地图。没有网络或密钥错误时，页面会说明原因并在无底图的情况下显示地图。</translation>
  </message>
  <message>
   <source>none; zone: one page per zone; zone_type: one page per zone type. The page's zones are highlighted, the rest dimmed; files are named by zone id or zone type key. station: one page per service station (maps/stations/&lt;station id&gt;.pdf: its catchments, the sites it serves by walk band, their table) and maps/stations/overview.pdf.</source>
   <translation>none：不生成图集；zone：每个区域一页；zone_type：每种区域类型一页。本页的区域突出显示，其余区域淡化；文件按区域编号或区域类型键命名。station：每个党群服务站一页（maps/stations/&lt;station id&gt;.pdf：其服务范围、按步行时间分段显示的所服务点位及点位表），另加 maps/stations/overview.pdf。</translation>
  </message>
  <message>
   <source>not a vector layer that can be read</source>
   <translation>不是可读取的矢量图层</translation>
  </message>
  <message>
   <source>not tagged yet</source>
   <translation>尚未标注</translation>
  </message>
  <message>
   <source>only {} features</source>
   <translation>仅有 {} 个要素</translation>
  </message>
  <message>
   <source>priority: first type in PRIORITY; smallest: smallest zone; largest_overlap: longest part of a line / largest part of a polygon inside.</source>
   <translation>priority：取 PRIORITY 中最靠前的类型；smallest：取面积最小的区域；largest_overlap：取线落入部分最长 / 面落入部分最大的区域。</translation>
  </message>
  <message>
   <source>road labels</source>
   <translation>道路标注</translation>
  </message>
  <message>
   <source>the GeoPackage</source>
   <translation>GeoPackage</translation>
  </message>
  <message>
   <source>the STATIONS layer</source>
   <translation>STATIONS 图层</translation>
  </message>
  <message>
   <source>the geometry type is {}</source>
   <translation>几何类型为 {}</translation>
  </message>
  <message>
   <source>the input has a filter</source>
   <translation>输入设置了过滤条件</translation>
  </message>
  <message>
   <source>the input has unsaved edits</source>
   <translation>输入图层有未保存的编辑</translation>
  </message>
  <message>
   <source>the input is not a GeoPackage layer</source>
   <translation>输入不是 GeoPackage 图层</translation>
  </message>
  <message>
   <source>the input is not a file layer</source>
   <translation>输入不是文件图层</translation>
  </message>
  <message>
   <source>the output folder</source>
   <translation>输出文件夹</translation>
  </message>
  <message>
   <source>the output is neither a GeoPackage file nor a new layer in one</source>
   <translation>输出既不是 GeoPackage 文件，也不是 GeoPackage 中的新图层</translation>
  </message>
  <message>
   <source>the output would replace the input</source>
   <translation>输出会覆盖输入</translation>
  </message>
  <message>
   <source>the package's</source>
   <translation>成果包的</translation>
  </message>
  <message>
   <source>the sites with {} = {}</source>
   <translation>{} = {} 的点位</translation>
  </message>
  <message>
   <source>unknown error</source>
   <translation>未知错误</translation>
  </message>
  <message>
   <source>unknown format</source>
   <translation>未知格式</translation>
  </message>
  <message>
   <source>within {} m</source>
   <translation>{} m 以内</translation>
  </message>
  <message>
   <source>x beyond every catchment</source>
   <translation>x 超出所有服务范围</translation>
  </message>
  <message>
   <source>zh: Chinese legend and notes; en: English legend, notes and (where present) names.</source>
   <translation>zh：中文图例和注记；en：英文图例、注记及名称（如有）。</translation>
  </message>
  <message>
   <source>zh: the page in Chinese; en: in English (English names where the data has name_en).</source>
   <translation>zh：中文网页；en：英文网页（数据中有 name_en 时使用英文名称）。</translation>
  </message>
  <message>
   <source>zone labels</source>
   <translation>区域标注</translation>
  </message>
  <message>
   <source>zones: each zone; zone_types: the zones merged by type; grid: square cells of GRID_SIZE.</source>
   <translation>zones：每个区域；zone_types：按类型合并的区域；grid：边长为 GRID_SIZE 的正方形格网。</translation>
  </message>
  <message>
   <source>{} (asked for by the INDICATORS file; remove it there or fix the data)</source>
   <translation>{}（由 INDICATORS 文件指定；请在该文件中删除它或修正数据）</translation>
  </message>
  <message>
   <source>{} (tagged)</source>
   <translation>{}（已标注）</translation>
  </message>
  <message>
   <source>{} already holds a web map: set OVERWRITE to replace it, or choose another OUTPUT_FOLDER (the existing web map was left untouched)</source>
   <translation>{} 中已有电子地图：设置 OVERWRITE 以替换，或选择其他 OUTPUT_FOLDER（已有的电子地图保持原样）</translation>
  </message>
  <message>
   <source>{} already holds files that are not a Belt Map web map: choose a new or empty OUTPUT_FOLDER (nothing was written, the folder was left untouched)</source>
   <translation>{} 中已有不属于实践带电子地图的文件：请选择新建或空的 OUTPUT_FOLDER（未写出任何内容，该文件夹保持原样）</translation>
  </message>
  <message>
   <source>{} belt layers loaded.</source>
   <translation>已加载 {} 个实践带图层。</translation>
  </message>
  <message>
   <source>{} errors, {} warnings, {} notes.</source>
   <translation>{} 个错误，{} 个警告，{} 个提示。</translation>
  </message>
  <message>
   <source>{} exists and is not a folder: choose another OUTPUT_FOLDER</source>
   <translation>{} 已存在且不是文件夹：请选择其他 OUTPUT_FOLDER</translation>
  </message>
  <message>
   <source>{} features tagged, {} in no zone, {} on more than one zone</source>
   <translation>已标注 {} 个要素，其中 {} 个不在任何区域内，{} 个涉及多个区域</translation>
  </message>
  <message>
   <source>{} finished.</source>
   <translation>{} 已完成。</translation>
  </message>
  <message>
   <source>{} has a header but no data rows: nothing was imported.</source>
   <translation>{} 只有表头、没有数据行：未导入任何内容。</translation>
  </message>
  <message>
   <source>{} has neither the key field {} nor the name field {}: none of its firms can be matched</source>
   <translation>{} 既没有编号字段 {}，也没有名称字段 {}：其中的企业都无法匹配</translation>
  </message>
  <message>
   <source>{} has no vector layer. Use a GeoPackage, shapefile or GeoJSON.</source>
   <translation>{} 中没有矢量图层。请使用 GeoPackage、shapefile 或 GeoJSON。</translation>
  </message>
  <message>
   <source>{} is not a GIS file that can be read ({}). Use a GeoPackage, shapefile or GeoJSON.</source>
   <translation>{} 不是可读取的 GIS 文件（{}）。请使用 GeoPackage、shapefile 或 GeoJSON。</translation>
  </message>
  <message>
   <source>{} is not available in this version.</source>
   <translation>{} 在此版本中不可用。</translation>
  </message>
  <message>
   <source>{} is still being written by another program: run again when it has finished</source>
   <translation>{} 仍在被另一程序写入：请待其完成后重新运行</translation>
  </message>
  <message>
   <source>{} km²</source>
   <translation>{} km²</translation>
  </message>
  <message>
   <source>{} links read ({} empty rows skipped); columns: {}</source>
   <translation>已读取 {} 条联系（跳过 {} 个空行）；列：{}</translation>
  </message>
  <message>
   <source>{} links unmatched: {}</source>
   <translation>{} 条联系未匹配：{}</translation>
  </message>
  <message>
   <source>{} links: {} matched, {} unmatched; {} leaders</source>
   <translation>{} 条联系：匹配 {} 条，未匹配 {} 条；链主 {} 家</translation>
  </message>
  <message>
   <source>{} of {} roads left out as not walkable ({})</source>
   <translation>{} 条道路（共 {} 条）不可步行，已排除（{}）</translation>
  </message>
  <message>
   <source>{} of {} rows were not imported; see the ERRORS table for the row numbers and reasons.</source>
   <translation>{} 行（共 {} 行）未导入；行号和原因见 ERRORS 表。</translation>
  </message>
  <message>
   <source>{} road segments; one search from all {} stations</source>
   <translation>{} 条道路路段；从全部 {} 个服务站同时进行一次搜索</translation>
  </message>
  <message>
   <source>{} sites have no geometry: no distance</source>
   <translation>{} 个点位没有几何图形：无法计算距离</translation>
  </message>
  <message>
   <source>{} sites imported, {} rows rejected ({}).</source>
   <translation>已导入 {} 个点位，拒绝 {} 行（{}）。</translation>
  </message>
  <message>
   <source>{} sites read in bulk from the GeoPackage</source>
   <translation>已从 GeoPackage 批量读取 {} 个点位</translation>
  </message>
  <message>
   <source>{} sites written in bulk into the GeoPackage</source>
   <translation>已批量写入 GeoPackage {} 个点位</translation>
  </message>
  <message>
   <source>{} sites: site_changes.csv lists only the {} changed sites (SITE_CHANGES keeps every site)</source>
   <translation>共 {} 个点位：site_changes.csv 只列出 {} 个有变化的点位（SITE_CHANGES 保留全部点位）</translation>
  </message>
  <message>
   <source>{} station ids are given to more than one station</source>
   <translation>有 {} 个服务站编号被多个服务站共用</translation>
  </message>
  <message>
   <source>{} stations are lines or polygons: their centroids are used</source>
   <translation>{} 个服务站为线或面：使用其质心</translation>
  </message>
  <message>
   <source>{} stations from {}</source>
   <translation>{} 个服务站，来自 {}</translation>
  </message>
  <message>
   <source>{} stations have no {}: their ids are 'S' and the feature id</source>
   <translation>{} 个服务站没有 {}：其编号取 'S' 加要素编号</translation>
  </message>
  <message>
   <source>{} stations; {} sites beyond {} m of every station (service gaps, marked x)</source>
   <translation>{} 个服务站；{} 个点位距所有服务站均超过 {} m（服务盲区，以 x 标示）</translation>
  </message>
  <message>
   <source>{} units</source>
   <translation>{} 个单元</translation>
  </message>
  <message>
   <source>{} units have no site: {}</source>
   <translation>{} 个单元没有点位：{}</translation>
  </message>
  <message>
   <source>{} units need the ZONES layer</source>
   <translation>{} 单元需要 ZONES 图层</translation>
  </message>
  <message>
   <source>{} zones changed over the years; every year is reported on the zones of {}</source>
   <translation>各年份间有 {} 个区域发生变化；每个年份均按 {} 年的区域统计</translation>
  </message>
  <message>
   <source>{} zones read; areas measured in {}</source>
   <translation>已读取 {} 个区域；面积在 {} 中量算</translation>
  </message>
  <message>
   <source>{} zones: {}{}</source>
   <translation>{} 的区域：{}{}</translation>
  </message>
  <message>
   <source>{} {} would write over the input {} ({}): inputs are never modified. Choose another file or folder, or a new layer in the GeoPackage (ogr:dbname=… table=new_name).</source>
   <translation>{} {} 会覆盖输入 {}（{}）：输入数据绝不会被修改。请选择其他文件或文件夹，或 GeoPackage 中的新图层（ogr:dbname=… table=new_name）。</translation>
  </message>
  <message>
   <source>{}: '{}' cannot be read as a vector layer (not a GIS file, damaged, or a shapefile missing its .shx/.dbf). Use a GeoPackage, shapefile or GeoJSON.</source>
   <translation>{}：“{}”无法作为矢量图层读取（不是 GIS 文件、文件已损坏，或 shapefile 缺少 .shx/.dbf）。请使用 GeoPackage、shapefile 或 GeoJSON。</translation>
  </message>
  <message>
   <source>{}: '{}' cannot be read as a vector layer ({}). Use a GeoPackage, shapefile or GeoJSON; a shapefile needs its .shp, .shx and .dbf side by side.</source>
   <translation>{}：“{}”无法作为矢量图层读取（{}）。请使用 GeoPackage、shapefile 或 GeoJSON；shapefile 需要 .shp、.shx 和 .dbf 位于同一文件夹。</translation>
  </message>
  <message>
   <source>{}: cannot extract '{}' into {} ({})</source>
   <translation>{}：无法将“{}”解压到 {}（{}）</translation>
  </message>
  <message>
   <source>{}: cannot read {} ({}). Use a GeoPackage, shapefile or GeoJSON.</source>
   <translation>{}：无法读取 {}（{}）。请使用 GeoPackage、shapefile 或 GeoJSON。</translation>
  </message>
  <message>
   <source>{}: chain links of {} leaders read from {}</source>
   <translation>{}：读取了 {} 家链主的产业链联系，来自 {}</translation>
  </message>
  <message>
   <source>{}: give a package, a GeoPackage, or the {}_SITES and {}_ZONES layers (missing: {})</source>
   <translation>{}：请提供成果包、GeoPackage，或 {}_SITES 和 {}_ZONES 图层（缺少：{}）</translation>
  </message>
  <message>
   <source>{}: left out</source>
   <translation>{}：已略去</translation>
  </message>
  <message>
   <source>{}: the ZIP entry '{}' cannot be read ({})</source>
   <translation>{}：无法读取 ZIP 条目“{}”（{}）</translation>
  </message>
  <message>
   <source>{}: the ZIP entry '{}' holds more than its stated {} bytes; refused</source>
   <translation>{}：ZIP 条目“{}”的内容超过其声明的 {} 字节；已拒绝</translation>
  </message>
  <message>
   <source>{}: the ZIP entry '{}' is compressed {:.0f} : 1 ({} bytes from {}), more than the {} : 1 allowed; nothing was extracted (a ZIP bomb, or not a belt map package)</source>
   <translation>{}：ZIP 条目“{}”的压缩比为 {:.0f} : 1（{} 字节解压自 {}），超过允许的 {} : 1；未解压任何内容（可能是 ZIP 炸弹，或不是实践带地图成果包）</translation>
  </message>
  <message>
   <source>{}: the ZIP entry '{}' is {:.1f} GB uncompressed, more than the {} GB allowed; nothing was extracted (a ZIP bomb, or not a belt map package)</source>
   <translation>{}：ZIP 条目“{}”解压后为 {:.1f} GB，超过允许的 {} GB；未解压任何内容（可能是 ZIP 炸弹，或不是实践带地图成果包）</translation>
  </message>
  <message>
   <source>{}: the ZIP entry '{}' points outside the archive ('..' or an absolute path); nothing was extracted. Re-create the ZIP from the package folder.</source>
   <translation>{}：ZIP 条目“{}”指向压缩包之外（含 '..' 或为绝对路径）；未解压任何内容。请从成果包文件夹重新生成 ZIP。</translation>
  </message>
  <message>
   <source>{}: the chain tables of {} cannot be read ({})</source>
   <translation>{}：无法读取 {} 的产业链表（{}）</translation>
  </message>
  <message>
   <source>{}: the label '{}' holds no year (e.g. 2025); give LABELS</source>
   <translation>{}：标签“{}”不含年份（如 2025）；请给出 LABELS</translation>
  </message>
  <message>
   <source>{}: the table(s) {} of {} cannot be read</source>
   <translation>{}：无法读取表 {}（位于 {}）</translation>
  </message>
  <message>
   <source>{}: the year holds no chain links (a package exported with LINKS has maps/chains/): its chain indicators are missing, unable to assess</source>
   <translation>{}：该年份没有产业链联系（带 LINKS 导出的成果包含 maps/chains/）：其产业链指标缺失，无法评估</translation>
  </message>
  <message>
   <source>{}: {} does not exist</source>
   <translation>{}：{} 不存在</translation>
  </message>
  <message>
   <source>{}: {} duplicated keys, matched by position: {}</source>
   <translation>{}：{} 个键值重复，按位置匹配：{}</translation>
  </message>
  <message>
   <source>{}: {} features without a usable geometry, written with a NULL geometry</source>
   <translation>{}：{} 个要素没有可用的几何，已以空（NULL）几何写出</translation>
  </message>
  <message>
   <source>{}: {} holds {} geometries; this parameter needs {}.</source>
   <translation>{}：{} 中是{}几何；此参数需要{}。</translation>
  </message>
  <message>
   <source>{}: {} is neither a belt map package (folder or ZIP) nor a GeoPackage</source>
   <translation>{}：{} 既不是实践带地图成果包（文件夹或 ZIP），也不是 GeoPackage</translation>
  </message>
  <message>
   <source>{}: {} is no leader of the year's chain links (no partner): {} is missing</source>
   <translation>{}：{} 不是该年份产业链联系中的链主（没有合作企业）：{} 缺失</translation>
  </message>
  <message>
   <source>{}: {} is not a ZIP file ({})</source>
   <translation>{}：{} 不是 ZIP 文件（{}）</translation>
  </message>
  <message>
   <source>{}: {} is not a belt map package: {} is missing (a package holds belt.gpkg, manifest.json, maps/, tables/)</source>
   <translation>{}：{} 不是实践带地图成果包：缺少 {}（成果包包含 belt.gpkg、manifest.json、maps/、tables/）</translation>
  </message>
  <message>
   <source>{}: {} is not a belt map package: {} is missing (found: {})</source>
   <translation>{}：{} 不是实践带地图成果包：缺少 {}（现有：{}）</translation>
  </message>
  <message>
   <source>{}: {} sites</source>
   <translation>{}：{} 个点位</translation>
  </message>
  <message>
   <source>{}: {} sites read feature by feature through QGIS</source>
   <translation>{}：通过 QGIS 逐要素读取了 {} 个点位</translation>
  </message>
  <message>
   <source>{}: {} sites read in bulk from the GeoPackage</source>
   <translation>{}：从 GeoPackage 批量读取了 {} 个点位</translation>
  </message>
  <message>
   <source>{}: {} sites without geometry (matched by key only)</source>
   <translation>{}：{} 个点位没有几何图形（仅按键匹配）</translation>
  </message>
  <message>
   <source>{}: {} {} has no {} table (found: {}); it needs the tables sites and zones</source>
   <translation>{}：{} {} 中没有 {} 表（现有：{}）；需要 sites 和 zones 表</translation>
  </message>
  <message>
   <source>… and {} more (run beltmap:validate for the full report).</source>
   <translation>…另有 {} 个（运行 beltmap:validate 查看完整报告）。</translation>
  </message>
  <message>
   <source>… and {} more like this, not listed one by one.</source>
   <translation>…另有 {} 处同类问题，不再逐一列出。</translation>
  </message>
  <message>
   <source>≤ {} m</source>
   <translation>≤ {} m</translation>
  </message>
  <message>
   <source>≤ {} min</source>
   <translation>≤ {} 分钟</translation>
  </message>
  <message>
   <source>≤ {} min walk</source>
   <translation>步行 ≤ {} 分钟</translation>
  </message>
 </context>
 <context>
  <name>BeltPanel</name>
  <message>
   <source>Belt</source>
   <translation>实践带</translation>
  </message>
  <message>
   <source>Belt Map</source>
   <translation>实践带地图</translation>
  </message>
  <message>
   <source>Cancel</source>
   <translation>取消</translation>
  </message>
  <message>
   <source>Chain links…</source>
   <translation>产业链联系…</translation>
  </message>
  <message>
   <source>Changes between years…</source>
   <translation>年度变化…</translation>
  </message>
  <message>
   <source>Evaluation index…</source>
   <translation>综合评价指数…</translation>
  </message>
  <message>
   <source>Export map package…</source>
   <translation>导出地图成果包…</translation>
  </message>
  <message>
   <source>Export web map…</source>
   <translation>导出电子地图…</translation>
  </message>
  <message>
   <source>Import sites…</source>
   <translation>导入点位…</translation>
  </message>
  <message>
   <source>Layers</source>
   <translation>图层</translation>
  </message>
  <message>
   <source>Load demo belt</source>
   <translation>加载示例实践带</translation>
  </message>
  <message>
   <source>Programme progress…</source>
   <translation>五年期进展…</translation>
  </message>
  <message>
   <source>Roads</source>
   <translation>道路</translation>
  </message>
  <message>
   <source>Service coverage…</source>
   <translation>服务覆盖（一站多点）…</translation>
  </message>
  <message>
   <source>Sites</source>
   <translation>点位</translation>
  </message>
  <message>
   <source>Summary</source>
   <translation>概况</translation>
  </message>
  <message>
   <source>Tag zones</source>
   <translation>标注所属区域</translation>
  </message>
  <message>
   <source>Validate</source>
   <translation>数据校验</translation>
  </message>
  <message>
   <source>Value</source>
   <translation>数值</translation>
  </message>
  <message>
   <source>Zone summary</source>
   <translation>区域汇总</translation>
  </message>
  <message>
   <source>Zones</source>
   <translation>区域</translation>
  </message>
 </context>
 <context>
  <name>LoadBeltDialog</name>
  <message>
   <source>Belt boundary</source>
   <translation>实践带边界</translation>
  </message>
  <message>
   <source>List tables</source>
   <translation>列出表</translation>
  </message>
  <message>
   <source>Load belt data</source>
   <translation>加载实践带数据</translation>
  </message>
  <message>
   <source>Pick a GeoPackage, or shapefile / GeoJSON files, then say which layer plays each role.</source>
   <translation>选择一个 GeoPackage，或若干 shapefile / GeoJSON 文件，然后指定各图层的用途。</translation>
  </message>
  <message>
   <source>Roads</source>
   <translation>道路</translation>
  </message>
  <message>
   <source>Sites</source>
   <translation>点位</translation>
  </message>
  <message>
   <source>Zones (required)</source>
   <translation>区域（必填）</translation>
  </message>
  <message>
   <source>or PostGIS</source>
   <translation>或 PostGIS</translation>
  </message>
  <message>
   <source>public</source>
   <translation>public</translation>
  </message>
 </context>
</TS>
