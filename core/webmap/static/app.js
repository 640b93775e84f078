/* Belt Map web map: the belt's electronic map (安驰路产城融合实践带电子地图).
 * Reads window.BELTMAP_DATA (data.js) and draws it with Leaflet. Every text from the data is inserted with
 * textContent, never as HTML. Works from file:// without any network. */
(function () {
  "use strict";

  var D = window.BELTMAP_DATA;
  var STRINGS = {
    zh: {
      status: "显示 {0} 个区域，{1} 个点位",
      legend: "图例",
      zones: "区域",
      sites: "点位",
      search: "搜索编号、名称、地址、电话或区域",
      noHits: "没有找到“{0}”",
      moreHits: "另有 {0} 条结果，请输入更多文字",
      close: "关闭",
      kindZone: "区域",
      category: "类别",
      zoneType: "区域类型",
      zoneName: "所属区域",
      zoneId: "区域编号",
      noZone: "不在任何区域内",
      walk: "步行至最近党群服务站",
      walkValue: "{0} 米（约 {1} 分钟）",
      station: "最近党群服务站",
      served: "服务点位（{0} 米内）",
      catchments: "服务范围",
      withinRadius: "步行 {0} 米内",
      noWalk: "无法计算",
      type: "类型",
      area: "面积",
      areaValue: "{0} 平方公里",
      perCategory: "各类点位",
      total: "合计",
      score: "综合评价得分",
      grade: "评价等级",
      unknownType: "未知类型",
      notFound: "未找到：{0}",
      created: "制图日期：{0}",
      changes: "变化（{0} → {1}）",
      kindChange: "变化",
      change: "变化",
      added: "新增",
      removed: "撤销",
      moved: "迁移",
      changed: "属性变更",
      retagged: "所属区域变化",
      siteKey: "点位编号",
      beforeAfter: "{0} → {1}",
      movedBy: "迁移距离",
      metres: "{0} 米",
      fieldsChanged: "变更字段",
      none: "无",
      zoneChanges: "区域变化",
      kindZoneChange: "区域变化",
      related: "相关区域",
      name: "名称",
      address: "地址",
      phone: "电话",
      zone_added: "新增",
      zone_removed: "撤销",
      zone_split: "拆分",
      zone_merged: "合并",
      zone_reshaped: "边界调整",
      zone_retyped: "类型变更",
      zone_renamed: "更名",
      basemap: "底图",
      basemapNone: "无底图（离线）",
      basemapVec: "天地图 矢量",
      basemapImg: "天地图 影像",
      basemapKey: "天地图密钥（tk）",
      basemapSave: "使用",
      basemapNeedKey: "输入您自己的天地图密钥以显示底图；密钥只保存在本浏览器中。",
      basemapFailed: "天地图底图不可用（密钥无效、额度用完或无网络），已改为无底图。",
      basemapForget: "清除密钥",
      progress: "进展（{0}）",
      progressTargets: "目标进展",
      progressStatus: "进展状态",
      targetLine: "目标：{1} 年 {0}",
      latestLine: "最新（{1} 年）：{0}",
      expectedLine: "按期应达：{0}",
      chartSeries: "实际值",
      chartPath: "目标路径",
      chains: "产业链",
      chainAll: "全部产业链（{0}）",
      chainFilter: "产业链",
      chainNone: "（未注明）",
      relation: "关系",
      kindFirm: "企业",
      kindLeader: "链长企业",
      partners: "合作企业",
      partnerCount: "{0} 家，联系 {1} 条",
      kmValue: "{0} 公里"
    },
    en: {
      status: "Showing {0} zones, {1} sites",
      legend: "Legend",
      zones: "Zones",
      sites: "Sites",
      search: "Search id, name, address, phone or zone",
      noHits: "Nothing found for “{0}”",
      moreHits: "{0} more: type more letters",
      close: "Close",
      kindZone: "Zone",
      category: "Category",
      zoneType: "Zone type",
      zoneName: "Zone",
      zoneId: "Zone id",
      noZone: "In no zone",
      walk: "Walk to the nearest service station",
      walkValue: "{0} m (about {1} min)",
      station: "Nearest service station",
      served: "Sites served (within {0} m)",
      catchments: "Catchments",
      withinRadius: "Within {0} m walk",
      noWalk: "Not computed",
      type: "Type",
      area: "Area",
      areaValue: "{0} km²",
      perCategory: "Sites per category",
      total: "Total",
      score: "Evaluation score",
      grade: "Grade",
      unknownType: "Unknown type",
      notFound: "Not found: {0}",
      created: "Date: {0}",
      changes: "Changes ({0} → {1})",
      kindChange: "Change",
      change: "Change",
      added: "Added",
      removed: "Removed",
      moved: "Moved",
      changed: "Attributes changed",
      retagged: "Retagged",
      siteKey: "Site id",
      beforeAfter: "{0} → {1}",
      movedBy: "Moved by",
      metres: "{0} m",
      fieldsChanged: "Fields changed",
      none: "none",
      zoneChanges: "Zone changes",
      kindZoneChange: "Zone change",
      related: "Related zones",
      name: "Name",
      address: "Address",
      phone: "Phone",
      zone_added: "Added",
      zone_removed: "Removed",
      zone_split: "Split",
      zone_merged: "Merged",
      zone_reshaped: "Reshaped",
      zone_retyped: "Retyped",
      zone_renamed: "Renamed",
      basemap: "Basemap",
      basemapNone: "None (offline)",
      basemapVec: "Tianditu vector",
      basemapImg: "Tianditu imagery",
      basemapKey: "Tianditu key (tk)",
      basemapSave: "Use",
      basemapNeedKey: "Enter your own Tianditu key to show the basemap; it is kept in this browser only.",
      basemapFailed: "The Tianditu basemap is unavailable (wrong key, quota spent or no network): shown without it.",
      basemapForget: "Forget the key",
      progress: "Progress ({0})",
      progressTargets: "Targets",
      progressStatus: "Progress status",
      targetLine: "Target: {0} by {1}",
      latestLine: "Latest ({1}): {0}",
      expectedLine: "Expected on the path: {0}",
      chartSeries: "Observed",
      chartPath: "Target path",
      chains: "Chains",
      chainAll: "All chains ({0})",
      chainFilter: "Chain",
      chainNone: "(not given)",
      relation: "Relation",
      kindFirm: "Firm",
      kindLeader: "Leading firm",
      partners: "Partners",
      partnerCount: "{0} firms, {1} links",
      kmValue: "{0} km"
    }
  };
  var T = STRINGS[D.language] || STRINGS.zh;
  var PHONE = window.matchMedia("(max-width: 700px)");
  var WALK_SPEED = 80; // metres per minute (4.8 km/h)

  function fmt(template) {
    var args = arguments;
    return template.replace(/\{(\d+)\}/g, function (match, i) {
      return String(args[Number(i) + 1]);
    });
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /* ---------------------------------------------------------------- data */

  var zoneTypes = {};
  D.zoneTypes.forEach(function (t) { zoneTypes[t.key] = t; });

  // the sites come as compact columns (core/webmap/columns.py): numbers as fixed-width base-64 digits,
  // texts joined by tabs (front-coded when that was shorter); decoded here into plain columns
  var DIGIT = new Int8Array(128);
  "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_".split("").forEach(function (c, v) {
    DIGIT[c.charCodeAt(0)] = v;
  });
  function unpack(column, n, out) {
    var w = column.w, text = column.s, p = 0;
    for (var i = 0; i < n; i++) {
      var v = 0;
      for (var k = 0; k < w; k++) v = v * 64 + DIGIT[text.charCodeAt(p++)];
      out[i] = v;
    }
    return out;
  }
  function unpackOptional(column, n, scale) {
    // stored plus one, 0 for none
    var raw = unpack(column, n, new Int32Array(n));
    var out = new Array(n);
    for (var i = 0; i < n; i++) out[i] = raw[i] ? (raw[i] - 1) / scale : null;
    return out;
  }
  function coordinates(column, n) {
    var out = unpack(column, n, new Float64Array(n));
    for (var i = 0; i < n; i++) out[i] = column.o + out[i] / 1e6;
    return out;
  }
  function texts(column, n) {
    if (!column) return null;
    if (!n) return [];
    var parts = column.s.split("\t");
    if (!column.f) return parts;
    var previous = "";
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i];
      previous = previous.slice(0, DIGIT[part.charCodeAt(0)]) + part.slice(1);
      parts[i] = previous;
    }
    return parts;
  }
  var P = D.sites;
  var siteCount = P.count;
  var S = {
    count: siteCount,
    x: coordinates(P.x, siteCount),
    y: coordinates(P.y, siteCount),
    cat: unpack(P.cat, siteCount, new Int32Array(siteCount)),
    zone: unpack(P.zone, siteCount, new Int32Array(siteCount)),
    id: texts(P.id, siteCount),
    name: texts(P.name, siteCount),
    address: texts(P.address, siteCount),
    phone: texts(P.phone, siteCount),
    categories: P.categories,
    tagged: P.tagged,
    coverage: P.coverage
  };
  for (var zi0 = 0; zi0 < siteCount; zi0++) S.zone[zi0] -= 1; // stored plus one, -1 outside every zone
  if (P.type) {
    var typeCodes = unpack(P.type, siteCount, new Int32Array(siteCount));
    S.type = new Array(siteCount);
    for (var t0 = 0; t0 < siteCount; t0++) S.type[t0] = P.types[typeCodes[t0]];
  }
  if (P.walk) S.walk = unpackOptional(P.walk, siteCount, 1);
  if (P.station) {
    S.station = texts(P.station, siteCount);
    S.minutes = unpackOptional(P.minutes, siteCount, 10);
    S.own = texts(P.own, siteCount);
  }
  D.sites = S; // the decoded columns, for tests and for planners who script the page
  var categories = S.categories;
  var zones = D.zones.features.map(function (f, i) {
    return { index: i, feature: f, p: f.properties, layer: null, counts: {}, total: 0 };
  });
  var zoneById = {};
  zones.forEach(function (z) { zoneById[z.p.id] = z; });
  var siteByIdMap = null;
  function siteById(id) {
    // the index of the site with this id (-1 when none); the map is made at the first question
    if (!siteByIdMap) {
      siteByIdMap = new Map();
      for (var j = siteCount - 1; j >= 0; j--) siteByIdMap.set(S.id[j], j); // the first of equal ids wins
    }
    var found = siteByIdMap.get(id);
    return found === undefined ? -1 : found;
  }
  function siteType(i) {
    if (S.type) return S.type[i];
    return S.zone[i] >= 0 ? zones[S.zone[i]].p.type || "" : "";
  }
  var categoryTotals = categories.map(function () { return 0; });
  for (var i = 0; i < siteCount; i++) {
    categoryTotals[S.cat[i]] += 1;
    var zi = S.zone[i];
    if (zi >= 0) {
      var z = zones[zi];
      z.counts[S.cat[i]] = (z.counts[S.cat[i]] || 0) + 1;
      z.total += 1;
    }
  }
  var typeTotals = {};
  zones.forEach(function (z) {
    var key = z.p.type || "";
    typeTotals[key] = (typeTotals[key] || 0) + 1;
  });
  var shownTypes = {};
  D.zoneTypes.forEach(function (t) { shownTypes[t.key] = true; });
  var shownCategories = categories.map(function () { return true; });

  /* ---------------------------------------------------------------- map */

  document.documentElement.lang = D.language === "en" ? "en" : "zh-CN";
  var map = L.map("map", {
    zoomControl: false,
    attributionControl: false,
    preferCanvas: true,
    tap: false,
    zoomSnap: 0.25,
    minZoom: 10,
    maxZoom: 19
  });
  L.control.zoom({ position: "topright", zoomInTitle: "+", zoomOutTitle: "-" }).addTo(map);
  L.control.scale({ position: "bottomleft", imperial: false, maxWidth: 140 }).addTo(map);
  var renderer = L.canvas({ padding: 0.3, tolerance: 3 });
  map.createPane("sitesPane").style.zIndex = 450;
  map.createPane("labelsPane").style.zIndex = 440;
  map.getPane("labelsPane").style.pointerEvents = "none";
  map.getPane("labelsPane").style.zIndex = 455; // zone names above the sites and clusters, never hidden

  if (D.roads) {
    L.geoJSON(D.roads, {
      renderer: renderer,
      interactive: false,
      style: function (f) {
        return f.properties.main
          ? { color: "#9a9a9a", weight: 3, opacity: 1, lineCap: "round" }
          : { color: "#b8b8b8", weight: 1.5, opacity: 1, lineCap: "round" };
      }
    }).addTo(map);
  }

  // catchments of the service stations, one group per radius (largest drawn first, below the sites)
  var catchmentGroups = [];
  if (D.catchments && D.catchments.features.length) {
    map.createPane("catchmentsPane").style.zIndex = 420;
    map.getPane("catchmentsPane").style.pointerEvents = "none"; // clicks go through to the zones
    var CATCHMENT_BLUES = ["#08519c", "#3182bd", "#6baed6", "#9ecae1", "#c6dbef"];
    var radii = [];
    D.catchments.features.forEach(function (f) {
      if (radii.indexOf(f.properties.radius) < 0) radii.push(f.properties.radius);
    });
    radii.sort(function (a, b) { return a - b; });
    radii.slice().reverse().forEach(function (radius) {
      var colour = CATCHMENT_BLUES[Math.min(radii.indexOf(radius), CATCHMENT_BLUES.length - 1)];
      var group = L.geoJSON(
        { type: "FeatureCollection", features: D.catchments.features.filter(function (f) { return f.properties.radius === radius; }) },
        { pane: "catchmentsPane", interactive: false, style: function () { return { color: colour, weight: 1, fillColor: colour, fillOpacity: 0.12 }; } }
      ).addTo(map);
      catchmentGroups.push({ radius: radius, colour: colour, layer: group });
    });
    catchmentGroups.reverse();
  }

  var basemapShown = false; // an online basemap under the zones: lighter fills
  function zoneStyle(z, selected) {
    var t = zoneTypes[z.p.type] || { colour: "#bdbdbd", outline: "#888888" };
    return {
      renderer: renderer,
      fillColor: t.colour,
      fillOpacity: basemapShown ? (selected ? 0.5 : 0.3) : selected ? 0.75 : 0.55,
      color: selected ? "#111111" : t.outline,
      weight: selected ? 3 : 1.2,
      opacity: 1
    };
  }

  var zoneGroup = L.layerGroup().addTo(map);
  var labels = [];
  zones.forEach(function (z) {
    z.layer = L.geoJSON(z.feature, { style: function () { return zoneStyle(z, false); } });
    z.layer.on("click", function () { pendingZone = z; });
    var centre = z.layer.getBounds().getCenter();
    var label = L.marker(centre, {
      pane: "labelsPane",
      interactive: false,
      keyboard: false,
      icon: L.divIcon({ className: "zone-label", html: "", iconSize: [0, 0] })
    });
    label.on("add", function () {
      var node = label.getElement();
      node.textContent = "";
      node.appendChild(el("span", null, z.p.name)); // text, never HTML
    });
    z.label = label;
    labels.push(label);
  });

  if (D.belt) {
    L.geoJSON(D.belt, {
      renderer: renderer,
      interactive: false,
      style: { color: "#c0392b", weight: 3, dashArray: "10 6", fill: false, opacity: 0.95 }
    }).addTo(map);
  }

  /* ---------------------------------------------------------------- sites: one canvas, every symbol */

  var X0 = new Float64Array(siteCount);
  var Y0 = new Float64Array(siteCount);
  // spherical mercator at a scale of 1 (Leaflet's pixel position at a zoom is this times crs.scale(zoom))
  for (var k = 0; k < siteCount; k++) {
    var lat = Math.max(-85, Math.min(85, S.y[k])) * Math.PI / 180;
    X0[k] = 0.5 + S.x[k] / 360;
    Y0[k] = 0.5 - Math.log(Math.tan(Math.PI / 4 + lat / 2)) / (2 * Math.PI);
  }
  var drawnX = new Float32Array(siteCount);
  var drawnY = new Float32Array(siteCount);
  var drawnIndex = new Int32Array(siteCount);
  var drawnCount = 0;
  var selectedSite = -1;
  var selectedZone = null;
  var pendingZone = null;
  var started = false; // no animation while the page opens (a link to a zone or site shows it at once)

  function shapePath(ctx, shape, x, y, r) {
    var n, a, j;
    if (shape === "square") { ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7); return; }
    if (shape === "circle") { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI); return; }
    if (shape === "cross2") {
      var w = r * 0.35;
      ctx.moveTo(x - r, y - r + w); ctx.lineTo(x - r + w, y - r); ctx.lineTo(x, y - w); ctx.lineTo(x + r - w, y - r);
      ctx.lineTo(x + r, y - r + w); ctx.lineTo(x + w, y); ctx.lineTo(x + r, y + r - w); ctx.lineTo(x + r - w, y + r);
      ctx.lineTo(x, y + w); ctx.lineTo(x - r + w, y + r); ctx.lineTo(x - r, y + r - w); ctx.lineTo(x - w, y);
      ctx.closePath();
      return;
    }
    if (shape === "star") {
      for (j = 0; j < 10; j++) {
        a = -Math.PI / 2 + j * Math.PI / 5;
        var rr = j % 2 ? r * 0.45 : r * 1.15;
        if (j === 0) ctx.moveTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
        else ctx.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
      }
      ctx.closePath();
      return;
    }
    n = { diamond: 4, triangle: 3, pentagon: 5, hexagon: 6, octagon: 8 }[shape] || 0;
    if (!n) { ctx.moveTo(x + r, y); ctx.arc(x, y, r, 0, 2 * Math.PI); return; }
    var start = shape === "octagon" ? Math.PI / 8 : -Math.PI / 2;
    var scale = shape === "triangle" ? 1.2 : 1.05;
    for (j = 0; j < n; j++) {
      a = start + j * 2 * Math.PI / n;
      if (j === 0) ctx.moveTo(x + r * scale * Math.cos(a), y + r * scale * Math.sin(a));
      else ctx.lineTo(x + r * scale * Math.cos(a), y + r * scale * Math.sin(a));
    }
    ctx.closePath();
  }

  function symbolRadius() {
    var zoom = map.getZoom();
    return zoom >= 16 ? 6.5 : zoom >= 14 ? 5 : zoom >= 13 ? 4 : 3;
  }

  var sprites = {};
  function symbolSprite(category, r, ratio) {
    var key = category.key + "|" + r + "|" + ratio;
    if (sprites[key]) return sprites[key];
    var side = Math.ceil((r * 1.25 + 2) * 2);
    var canvas = document.createElement("canvas");
    canvas.width = side * ratio;
    canvas.height = side * ratio;
    var ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.beginPath();
    shapePath(ctx, category.shape, side / 2, side / 2, r);
    ctx.fillStyle = category.colour;
    ctx.fill();
    ctx.lineWidth = r > 4 ? 1.2 : 0.8;
    ctx.lineJoin = "round";
    ctx.strokeStyle = "#ffffff";
    ctx.stroke();
    sprites[key] = canvas;
    return canvas;
  }

  function drawSymbols(ctx, byCategory, r, ratio) {
    // one pre-drawn symbol per category, stamped at every site: fast for tens of thousands of sites
    categories.forEach(function (category, c) {
      var points = byCategory[c];
      if (!points.length) return;
      var sprite = symbolSprite(category, r, ratio);
      var half = sprite.width / ratio / 2;
      var side = sprite.width / ratio;
      for (var j = 0; j < points.length; j += 2) {
        ctx.drawImage(sprite, Math.round(points[j] - half), Math.round(points[j + 1] - half), side, side);
      }
    });
  }

  /* clusters (supercluster, vendored from npm with its licence): above CLUSTER_MIN_SITES sites, sites are
   * grouped up to zoom CLUSTER_MAX_ZOOM; at street zoom every site is drawn. A cluster is a disc sized by
   * its count, coloured by its most frequent category (a ring of the second), the count in its middle. */
  var CLUSTER_MIN_SITES = 2000;
  var CLUSTER_MAX_ZOOM = 16;
  var CLUSTER_RADIUS = 44; // pixels
  var clustered = siteCount > CLUSTER_MIN_SITES && typeof window.Supercluster === "function";
  var clusters = null; // the index of the shown categories; made again when the legend changes
  var clusterX = new Float32Array(4096);
  var clusterY = new Float32Array(4096);
  var clusterR = new Float32Array(4096);
  var clusterItem = [];
  var clusterCount = 0;

  function clusterZoom() {
    if (!clustered) return null;
    var zoom = Math.floor(map.getZoom() + 1e-6);
    return zoom <= CLUSTER_MAX_ZOOM ? zoom : null;
  }

  function clusterIndex() {
    if (clusters) return clusters;
    var n = categories.length;
    var shared = categories.map(function (c, k) { return { c: k }; });
    var points = [];
    for (var i = 0; i < siteCount; i++) {
      if (!shownCategories[S.cat[i]]) continue;
      points.push({ id: i, properties: shared[S.cat[i]], geometry: { coordinates: [S.x[i], S.y[i]] } });
    }
    clusters = new window.Supercluster({
      radius: CLUSTER_RADIUS,
      extent: 256,
      maxZoom: CLUSTER_MAX_ZOOM,
      minZoom: 0,
      map: function (p) { return p; },
      reduce: function (acc, p) {
        // counts per category; a cluster's counts are its own (a copy), never its child's
        if (acc.own !== acc) {
          var counts = new Int32Array(n);
          if (acc.n) counts.set(acc.n); else counts[acc.c] = 1;
          acc.n = counts;
          acc.own = acc;
        }
        if (p.n) for (var k = 0; k < n; k++) acc.n[k] += p.n[k];
        else acc.n[p.c] += 1;
      }
    }).load(points);
    return clusters;
  }

  function clusterLook(props) {
    // the most frequent category and the second (a ring), from the counts per category
    var first = 0, second = -1;
    for (var k = 1; k < props.n.length; k++) {
      if (props.n[k] > props.n[first]) { second = first; first = k; }
      else if (second < 0 || props.n[k] > props.n[second]) second = k;
    }
    if (second >= 0 && !props.n[second]) second = -1;
    return { first: first, second: second };
  }

  function drawCluster(ctx, x, y, item) {
    var count = item.properties.point_count;
    var radius = Math.min(24, 9 + 3.2 * Math.log(count) / Math.LN10); // 12 px for 10 sites, 19 for 1,000

    var look = clusterLook(item.properties);
    ctx.beginPath();
    ctx.arc(x, y, radius, 0, 2 * Math.PI);
    ctx.fillStyle = categories[look.first].colour;
    ctx.globalAlpha = 0.8;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.lineWidth = 3;
    ctx.strokeStyle = look.second >= 0 ? categories[look.second].colour : "#ffffff";
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(x, y, radius + 1.5, 0, 2 * Math.PI);
    ctx.lineWidth = 1;
    ctx.strokeStyle = "#ffffff";
    ctx.stroke();
    ctx.font = "bold " + (count >= 10000 ? 11 : 12) + "px sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(0, 0, 0, 0.55)";
    var label = count < 10000 ? count : D.language === "en" ? Math.round(count / 1000) + "k" : (Math.round(count / 1000) / 10) + "万";
    ctx.strokeText(String(label), x, y);
    ctx.fillStyle = "#ffffff";
    ctx.fillText(String(label), x, y);
    if (clusterCount < clusterX.length) {
      clusterX[clusterCount] = x;
      clusterY[clusterCount] = y;
      clusterR[clusterCount] = radius;
      clusterItem[clusterCount] = item;
      clusterCount++;
    }
  }

  function clusterAt(point) {
    for (var j = clusterCount - 1; j >= 0; j--) {
      var dx = clusterX[j] - point.x;
      var dy = clusterY[j] - point.y;
      if (dx * dx + dy * dy <= (clusterR[j] + 2) * (clusterR[j] + 2)) return clusterItem[j];
    }
    return null;
  }

  function openCluster(item) {
    // zoom to where the cluster comes apart (at least one step), centred on it
    var zoom = Math.min(clusterIndex().getClusterExpansionZoom(item.properties.cluster_id), CLUSTER_MAX_ZOOM + 1);
    zoom = Math.max(zoom, Math.floor(map.getZoom()) + 1);
    var c = item.geometry.coordinates;
    map.setView([c[1], c[0]], zoom, { animate: started });
  }

  var SitesLayer = L.Layer.extend({
    onAdd: function () {
      this._canvas = L.DomUtil.create("canvas", "sites-canvas leaflet-zoom-hide");
      map.getPane("sitesPane").appendChild(this._canvas);
      map.on("moveend zoomend resize viewreset", this.redraw, this);
      this.redraw();
    },
    onRemove: function () {
      map.off("moveend zoomend resize viewreset", this.redraw, this);
      L.DomUtil.remove(this._canvas);
    },
    redraw: function () {
      var size = map.getSize();
      var ratio = window.devicePixelRatio || 1;
      var canvas = this._canvas;
      var topLeft = map.containerPointToLayerPoint([0, 0]);
      L.DomUtil.setPosition(canvas, topLeft);
      canvas.width = Math.round(size.x * ratio);
      canvas.height = Math.round(size.y * ratio);
      canvas.style.width = size.x + "px";
      canvas.style.height = size.y + "px";
      var ctx = canvas.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      var scale = map.options.crs.scale(map.getZoom());
      var origin = map.getPixelOrigin();
      var ox = origin.x + topLeft.x;
      var oy = origin.y + topLeft.y;
      var r = symbolRadius();
      var margin = r * 2;
      drawnCount = 0;
      clusterCount = 0;
      var byCategory = categories.map(function () { return []; });
      function keep(i, x, y) {
        drawnX[drawnCount] = x;
        drawnY[drawnCount] = y;
        drawnIndex[drawnCount] = i;
        drawnCount++;
        byCategory[S.cat[i]].push(x, y);
      }
      var zoom = clusterZoom();
      if (zoom !== null) {
        // clusters and lone sites of supercluster at this zoom, in the view (and a margin)
        var bounds = map.getBounds().pad(0.1);
        var found = clusterIndex().getClusters(
          [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()], zoom
        );
        var discs = [];
        for (var f = 0; f < found.length; f++) {
          var item = found[f];
          var lon = item.geometry.coordinates[0];
          var lat = Math.max(-85, Math.min(85, item.geometry.coordinates[1])) * Math.PI / 180;
          var px = (0.5 + lon / 360) * scale - ox;
          var py = (0.5 - Math.log(Math.tan(Math.PI / 4 + lat / 2)) / (2 * Math.PI)) * scale - oy;
          if (item.properties.cluster) discs.push([px, py, item]);
          else keep(item.id, X0[item.id] * scale - ox, Y0[item.id] * scale - oy);
        }
        drawSymbols(ctx, byCategory, r, ratio);
        discs.forEach(function (c) { drawCluster(ctx, c[0], c[1], c[2]); });
      } else {
        for (var i = 0; i < siteCount; i++) {
          if (!shownCategories[S.cat[i]]) continue;
          var x = X0[i] * scale - ox;
          var y = Y0[i] * scale - oy;
          if (x < -margin || y < -margin || x > size.x + margin || y > size.y + margin) continue;
          keep(i, x, y);
        }
        drawSymbols(ctx, byCategory, r, ratio);
      }
      canvas.dataset.clusters = String(clusterCount);
      canvas.dataset.sites = String(drawnCount);
      if (selectedSite >= 0 && shownCategories[S.cat[selectedSite]]) {
        var sx = X0[selectedSite] * scale - ox;
        var sy = Y0[selectedSite] * scale - oy;
        // a ring that stands out among dense symbols: white halo, dark ring, the site's symbol on top
        ctx.beginPath();
        ctx.arc(sx, sy, r + 8, 0, 2 * Math.PI);
        ctx.fillStyle = "rgba(255, 255, 255, 0.85)";
        ctx.fill();
        ctx.lineWidth = 6;
        ctx.strokeStyle = "#ffffff";
        ctx.stroke();
        ctx.lineWidth = 3;
        ctx.strokeStyle = "#d7191c";
        ctx.stroke();
        var sprite = symbolSprite(categories[S.cat[selectedSite]], r + 1.5, ratio);
        var side = sprite.width / ratio;
        ctx.drawImage(sprite, Math.round(sx - side / 2), Math.round(sy - side / 2), side, side);
      }
    }
  });
  var sitesLayer = new SitesLayer();

  /* ---------------------------------------------------------------- changes since the baseline package */

  var C = D.changes || null;
  var CHANGE_KINDS = ["added", "removed", "moved", "changed", "retagged"];
  var shownKinds = {};
  CHANGE_KINDS.forEach(function (kind) { shownKinds[kind] = true; });
  var changeGroup = null;
  var changeItems = [];
  var selectedChange = null;

  function changeKind(entry) {
    // the symbol: the first of added, removed, moved, retagged, changed the site has (as the change map)
    var order = ["added", "removed", "moved", "retagged", "changed"];
    for (var j = 0; j < order.length; j++) if (entry.kinds.indexOf(order[j]) >= 0) return order[j];
    return entry.kinds[0];
  }

  function changeSymbol(kind) {
    // a white badge around the shape: never mistaken for a site category's symbol
    var badge = el("span", "bm-chg-badge");
    badge.appendChild(el("span", "bm-chg bm-chg-" + kind));
    return badge;
  }

  if (C) {
    map.createPane("changesPane").style.zIndex = 460;
    changeGroup = L.layerGroup().addTo(map);
    C.sites.forEach(function (entry, n) {
      var kind = changeKind(entry);
      var at = entry.after || entry.before;
      var layers = [];
      if (entry.before && entry.after && entry.kinds.indexOf("moved") >= 0) {
        layers.push(L.polyline([[entry.before[1], entry.before[0]], [entry.after[1], entry.after[0]]], {
          pane: "changesPane", interactive: false, color: "#2b83ba", weight: 2, dashArray: "5 4", opacity: 0.9
        }));
        layers.push(L.circleMarker([entry.before[1], entry.before[0]], {
          pane: "changesPane", interactive: false, radius: 3, color: "#2b83ba", weight: 1.5, fillColor: "#ffffff", fillOpacity: 1
        }));
      }
      var marker = L.marker([at[1], at[0]], {
        pane: "changesPane",
        keyboard: false,
        icon: L.divIcon({ className: "bm-chg-icon", html: "", iconSize: [20, 20] })
      });
      marker.on("add", function () {
        var node = marker.getElement();
        node.textContent = "";
        node.appendChild(changeSymbol(kind));
        node.dataset.change = String(n);
        if (selectedChange === item) node.classList.add("bm-chg-selected");
        // the icon's own listener (a new element each time the layer is shown again): Leaflet's marker
        // click was lost once the layer had been hidden and shown from the legend
        L.DomEvent.on(node, "click", function (event) {
          L.DomEvent.stop(event);
          selectChange(item);
        });
      });
      layers.push(marker);
      var item = { entry: entry, kind: kind, layer: L.layerGroup(layers), marker: marker };
      changeItems.push(item);
    });
  }

  function applyChangeFilter() {
    changeItems.forEach(function (item) {
      var show = item.entry.kinds.some(function (kind) { return shownKinds[kind]; });
      if (show && !changeGroup.hasLayer(item.layer)) changeGroup.addLayer(item.layer);
      if (!show && changeGroup.hasLayer(item.layer)) changeGroup.removeLayer(item.layer);
    });
  }
  if (C) applyChangeFilter();

  // zones changed since the baseline: outlined by their kind of change (the change map's colours and lines;
  // a removed zone dashed at its old shape). A zone's info says before → after; a removed zone's own outline
  // can be clicked.
  var zoneChanges = C && C.zones ? C.zones : [];
  var zoneChangeById = {};
  var zoneChangeStyle = {};
  var shownZoneKinds = {};
  var zoneChangeGroup = null;
  var zoneChangeItems = [];
  if (zoneChanges.length) {
    map.createPane("zoneChangesPane").style.zIndex = 435;
    (C.zoneStyles || []).forEach(function (st) {
      zoneChangeStyle[st.kind] = st;
      shownZoneKinds[st.kind] = true;
    });
    zoneChangeGroup = L.layerGroup().addTo(map);
    zoneChanges.forEach(function (entry) {
      if (entry.year === "after") zoneChangeById[entry.id] = entry;
      var st = zoneChangeStyle[entry.kind] || { colour: "#333333", line: "solid" };
      var removed = entry.year === "before";
      var layer = L.geoJSON(entry.geometry, {
        pane: "zoneChangesPane",
        interactive: removed,
        style: function () {
          return {
            color: st.colour,
            weight: 3.5,
            opacity: 1,
            dashArray: st.line === "dash" ? "9 6" : st.line === "dot" ? "2 5" : null,
            fill: removed,
            fillOpacity: 0
          };
        }
      });
      if (removed) {
        layer.on("click", function (e) {
          L.DomEvent.stop(e);
          zoneChangeInfo(entry);
        });
      }
      zoneChangeItems.push({ entry: entry, layer: layer });
    });
  }
  function applyZoneChangeFilter() {
    zoneChangeItems.forEach(function (item) {
      var show = shownZoneKinds[item.entry.kind] !== false;
      if (show && !zoneChangeGroup.hasLayer(item.layer)) zoneChangeGroup.addLayer(item.layer);
      if (!show && zoneChangeGroup.hasLayer(item.layer)) zoneChangeGroup.removeLayer(item.layer);
    });
  }
  if (zoneChangeGroup) applyZoneChangeFilter();


  /* ---------------------------------------------------------------- progress towards the targets */

  // the reporting zones coloured by their worst status (the progress report's colours); clicks go through
  // to the zones below, whose info shows each target's series with its straight path to the target
  var P = D.progress || null;
  var progressGroup = null;
  var progressById = {};
  var shownStatuses = {};
  var progressItems = [];
  var statusStyle = {};
  if (P) {
    map.createPane("progressPane").style.zIndex = 430;
    map.getPane("progressPane").style.pointerEvents = "none";
    P.statuses.forEach(function (st) {
      statusStyle[st.key] = st;
      shownStatuses[st.key] = true;
    });
    progressGroup = L.layerGroup().addTo(map);
    P.zones.forEach(function (entry) {
      progressById[entry.id] = entry;
      var st = statusStyle[entry.status] || { colour: "#ffffff" };
      var layer = L.geoJSON(entry.geometry, {
        pane: "progressPane",
        interactive: false,
        style: function () {
          return { color: "#404040", weight: 1, opacity: 0.9, fillColor: st.colour, fillOpacity: 0.7 };
        }
      });
      layer.eachLayer(function (part) { part.progressZone = entry.id; }); // for tests and scripts
      progressItems.push({ entry: entry, layer: layer });
    });
  }
  function applyProgressFilter() {
    progressItems.forEach(function (item) {
      var show = shownStatuses[item.entry.status] !== false;
      if (show && !progressGroup.hasLayer(item.layer)) progressGroup.addLayer(item.layer);
      if (!show && progressGroup.hasLayer(item.layer)) progressGroup.removeLayer(item.layer);
    });
  }
  if (P) applyProgressFilter();

  function svg(tag, attributes) {
    var node = L.SVG.create(tag); // Leaflet's SVG element maker (the SVG namespace)
    Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, String(attributes[k])); });
    return node;
  }

  function progressValue(v) {
    if (v === null || v === undefined) return "–";
    return Math.abs(v - Math.round(v)) < 1e-9 ? String(Math.round(v)) : v.toFixed(2);
  }

  // a small chart of one target: the observed values per year (dots and line), the straight path from the
  // baseline to the target (dashed), the target (a ring), in the status's colour
  function progressChart(t) {
    var W = 260, H = 110, L0 = 34, R0 = 10, T0 = 8, B0 = 20;
    var years = P.years;
    var x0 = Math.min(years[0], t.baselineYear), x1 = Math.max(years[years.length - 1], t.targetYear);
    var values = t.series.filter(function (v) { return v !== null; });
    [t.baseline, t.target].forEach(function (v) { if (v !== null) values.push(v); });
    var lo = values.length ? Math.min.apply(null, values) : 0, hi = values.length ? Math.max.apply(null, values) : 1;
    if (lo > 0 && lo < hi * 0.5) lo = 0;
    if (hi === lo) { hi += 1; lo = Math.max(0, lo - 1); }
    function X(year) { return L0 + (W - L0 - R0) * (x1 === x0 ? 0.5 : (year - x0) / (x1 - x0)); }
    function Y(v) { return T0 + (H - T0 - B0) * (1 - (v - lo) / (hi - lo)); }
    var colour = (statusStyle[t.status] || { colour: "#666666" }).colour;
    var chart = svg("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, "class": "bm-progress-chart", role: "img" });
    chart.dataset.indicator = t.indicator;
    var title = svg("title");
    title.textContent = t.label;
    chart.appendChild(title);
    chart.appendChild(svg("line", { x1: L0, y1: H - B0, x2: W - R0, y2: H - B0, stroke: "#999999" }));
    chart.appendChild(svg("line", { x1: L0, y1: T0, x2: L0, y2: H - B0, stroke: "#999999" }));
    [lo, hi].forEach(function (v) {
      var label = svg("text", { x: L0 - 4, y: Y(v) + 4, "text-anchor": "end", "font-size": 10, fill: "#555555" });
      label.textContent = progressValue(v);
      chart.appendChild(label);
    });
    [x0, x1].forEach(function (year, k) {
      var label = svg("text", { x: X(year), y: H - 6, "text-anchor": k ? "end" : "start", "font-size": 10, fill: "#555555" });
      label.textContent = String(year);
      chart.appendChild(label);
    });
    if (t.baseline !== null && t.target !== null) {
      var path = svg("line", {
        x1: X(t.baselineYear), y1: Y(t.baseline), x2: X(t.targetYear), y2: Y(t.target),
        stroke: "#555555", "stroke-dasharray": "4 3", "class": "bm-progress-path"
      });
      chart.appendChild(path);
      chart.appendChild(svg("circle", { cx: X(t.targetYear), cy: Y(t.target), r: 4, fill: "#ffffff", stroke: "#555555", "stroke-width": 1.5 }));
    }
    var points = [];
    t.series.forEach(function (v, k) { if (v !== null) points.push(X(years[k]) + "," + Y(v)); });
    if (points.length > 1) {
      chart.appendChild(svg("polyline", { points: points.join(" "), fill: "none", stroke: colour, "stroke-width": 2.5 }));
    }
    t.series.forEach(function (v, k) {
      if (v === null) return;
      var dot = svg("circle", { cx: X(years[k]), cy: Y(v), r: 3.5, fill: colour, stroke: "#333333", "stroke-width": 0.8, "class": "bm-progress-point" });
      dot.dataset.year = String(years[k]);
      dot.dataset.value = String(v);
      chart.appendChild(dot);
    });
    return chart;
  }

  function progressRows(list, entry) {
    var st = statusStyle[entry.status] || { label: entry.status };
    list.appendChild(el("dt", "bm-wide bm-change-title", fmt(T.progress, P.labels.join(" → "))));
    row(list, T.progressStatus, st.label);
    entry.targets.forEach(function (t) {
      var box = el("dd", "bm-wide bm-progress-target");
      box.dataset.indicator = t.indicator;
      box.dataset.status = t.status;
      var head = el("div", "bm-progress-head");
      var swatch = el("span", "bm-swatch");
      swatch.style.backgroundColor = (statusStyle[t.status] || { colour: "#bdbdbd" }).colour;
      head.appendChild(swatch);
      head.appendChild(el("b", null, t.label + (t.unit ? "（" + t.unit + "）" : "")));
      head.appendChild(el("span", "bm-progress-status", (statusStyle[t.status] || { label: t.status }).label));
      box.appendChild(head);
      var series = el("div", "bm-progress-series");
      series.textContent = P.years.map(function (year, k) { return year + ": " + progressValue(t.series[k]); }).join(" · ");
      box.appendChild(series);
      box.appendChild(el("div", null, fmt(T.targetLine, progressValue(t.target), t.targetYear)));
      if (t.expected !== null) box.appendChild(el("div", null, fmt(T.expectedLine, progressValue(t.expected))));
      box.appendChild(progressChart(t));
      list.appendChild(box);
    });
  }


  /* ---------------------------------------------------------------- industrial chains (links between firms) */

  // the matched links as the chain map draws them (arcs, coloured by relation) under the firms; a click on a
  // firm highlights its partners and their lines and lists them; the legend filters by relation and chain
  var K = D.chains || null;
  var MAX_OVERVIEW_LINKS = 5000; // more links: only the selected firm's are drawn (the page stays fluid)
  var MAX_OVERVIEW_FIRMS = 2000; // more firms: the leaders only, and the selected firm's partners
  var shownRelations = {};
  var relationStyle = {};
  var shownChain = null; // null: every chain
  var chainLinkGroup = null;
  var chainFirmGroup = null;
  var chainLinks = [];
  var chainFirms = [];
  var selectedFirm = null;
  var chainsOn = true;
  if (K) {
    map.createPane("chainLinksPane").style.zIndex = 445;
    map.getPane("chainLinksPane").style.pointerEvents = "none"; // clicks go through to the zones
    map.createPane("chainFirmsPane").style.zIndex = 458;
    K.relations.forEach(function (r) {
      relationStyle[r.key] = r;
      shownRelations[r.key] = true;
    });
    chainLinkGroup = L.layerGroup().addTo(map);
    chainFirmGroup = L.layerGroup().addTo(map);
    K.firms.forEach(function (f, n) {
      var item = { firm: f, n: n, links: [] };
      var marker = L.marker([f.at[1], f.at[0]], {
        pane: "chainFirmsPane",
        keyboard: false,
        icon: L.divIcon({ className: "bm-firm-icon", html: "", iconSize: f.leader ? [16, 16] : [10, 10] })
      });
      marker.on("add", function () {
        var node = marker.getElement();
        node.textContent = "";
        node.appendChild(el("span", "bm-firm" + (f.leader ? " bm-firm-leader" : "")));
        node.dataset.firm = f.key;
        node.title = f.name || f.key;
        markFirm(item);
        L.DomEvent.on(node, "click", function (event) {
          L.DomEvent.stop(event);
          selectFirm(item);
        });
      });
      item.marker = marker;
      chainFirms.push(item);
    });
    K.links.forEach(function (link, n) {
      var style = relationStyle[link.rel] || { colour: "#7f7f7f" };
      var line = L.polyline(link.arc.map(function (p) { return [p[1], p[0]]; }), {
        pane: "chainLinksPane",
        interactive: false,
        color: style.colour,
        weight: 1.5,
        opacity: 0.55
      });
      line.chainLink = n; // for tests and scripts
      var item = { link: link, line: line, n: n };
      chainLinks.push(item);
      chainFirms[link.f].links.push(item);
      chainFirms[link.t].links.push(item);
    });
  }

  function linkShown(item) {
    return shownRelations[item.link.rel] !== false && (shownChain === null || item.link.chain === shownChain);
  }

  function partnerOf(firmItem, linkItem) {
    return chainFirms[linkItem.link.f === firmItem.n ? linkItem.link.t : linkItem.link.f];
  }

  function markFirm(item) {
    var node = item.marker.getElement();
    if (!node) return;
    var selected = selectedFirm === item;
    var partner = !selected && selectedFirm !== null && selectedFirm.links.some(function (l) {
      return linkShown(l) && partnerOf(selectedFirm, l) === item;
    });
    node.classList.toggle("bm-firm-selected", selected);
    node.classList.toggle("bm-firm-partner", partner);
    node.classList.toggle("bm-firm-dim", selectedFirm !== null && !selected && !partner);
  }

  function applyChainFilter() {
    if (!K) return;
    var many = chainLinks.length > MAX_OVERVIEW_LINKS;
    var manyFirms = chainFirms.length > MAX_OVERVIEW_FIRMS;
    chainLinks.forEach(function (item) {
      var mine = selectedFirm !== null && (item.link.f === selectedFirm.n || item.link.t === selectedFirm.n);
      var show = chainsOn && linkShown(item) && (!many || mine);
      if (show && !chainLinkGroup.hasLayer(item.line)) chainLinkGroup.addLayer(item.line);
      if (!show && chainLinkGroup.hasLayer(item.line)) chainLinkGroup.removeLayer(item.line);
      if (show) {
        item.line.setStyle(mine ? { weight: 4, opacity: 0.95 } : { weight: 1.5, opacity: selectedFirm ? 0.15 : 0.55 });
      }
    });
    chainFirms.forEach(function (item) {
      var show = chainsOn && (item === selectedFirm || item.links.some(linkShown));
      if (show && manyFirms && !item.firm.leader && item !== selectedFirm) {
        show = selectedFirm !== null && selectedFirm.links.some(function (l) {
          return linkShown(l) && partnerOf(selectedFirm, l) === item;
        });
      }
      if (show && !chainFirmGroup.hasLayer(item.marker)) chainFirmGroup.addLayer(item.marker);
      if (!show && chainFirmGroup.hasLayer(item.marker)) chainFirmGroup.removeLayer(item.marker);
      markFirm(item);
    });
  }
  if (K) applyChainFilter();

  function highlightFirm(item) {
    if (!K) return;
    selectedFirm = item;
    applyChainFilter();
  }

  function firmInfo(item) {
    var f = item.firm;
    var mine = item.links.filter(linkShown);
    var partners = {};
    mine.forEach(function (l) { partners[partnerOf(item, l).n] = true; });
    showInfo(f.leader ? T.kindLeader : T.kindFirm, f.name || f.key, function (list) {
      row(list, T.siteKey, f.key);
      row(list, T.partners, fmt(T.partnerCount, Object.keys(partners).length, mine.length));
      var dd = el("dd", "bm-wide");
      var table = el("ul", "bm-counts bm-partners");
      mine.forEach(function (l) {
        var other = partnerOf(item, l);
        var li = el("li");
        li.dataset.partner = other.firm.key;
        var swatch = el("span", "bm-swatch");
        swatch.style.backgroundColor = (relationStyle[l.link.rel] || { colour: "#7f7f7f" }).colour;
        li.appendChild(swatch);
        li.appendChild(el("span", null, other.firm.name || other.firm.key));
        var detail = (relationStyle[l.link.rel] || { label: l.link.rel }).label;
        if (l.link.chain) detail += " · " + l.link.chain;
        if (l.link.d !== null && l.link.d !== undefined) detail += " · " + fmt(T.kmValue, (l.link.d / 1000).toFixed(1));
        li.appendChild(el("small", null, detail));
        table.appendChild(li);
      });
      dd.appendChild(table);
      list.appendChild(dd);
    });
    info.dataset.kind = "firm";
    info.dataset.id = f.key;
  }

  function selectFirm(item) {
    selectedSite = -1;
    highlightZone(null);
    if (C) markChange(null);
    highlightFirm(item);
    firmInfo(item);
    setHash("");
    sitesLayer.redraw();
  }

  function siteAt(point, radius) {
    var best = -1;
    var bestDistance = radius * radius;
    for (var j = drawnCount - 1; j >= 0; j--) {
      var dx = drawnX[j] - point.x;
      var dy = drawnY[j] - point.y;
      var d = dx * dx + dy * dy;
      if (d <= bestDistance) {
        bestDistance = d;
        best = drawnIndex[j];
      }
    }
    return best;
  }

  /* ---------------------------------------------------------------- panels */

  var panel = el("div", "bm-panel");
  var header = el("div", "bm-header");
  header.appendChild(el("h1", "bm-title", D.title));
  if (D.subtitle) header.appendChild(el("p", "bm-subtitle", D.subtitle));
  panel.appendChild(header);
  var searchBox = el("input", "bm-search");
  searchBox.type = "search";
  searchBox.placeholder = T.search;
  searchBox.setAttribute("aria-label", T.search);
  searchBox.autocomplete = "off";
  panel.appendChild(searchBox);
  var hitList = el("ul", "bm-hits");
  hitList.hidden = true;
  panel.appendChild(hitList);
  var statusRow = el("div", "bm-row");
  var statusLine = el("p", "bm-status");
  statusLine.setAttribute("role", "status");
  statusRow.appendChild(statusLine);
  var legendButton = el("button", "bm-legend-button", T.legend);
  legendButton.type = "button";
  legendButton.setAttribute("aria-expanded", "false");
  statusRow.appendChild(legendButton);
  panel.appendChild(statusRow);
  var legend = el("div", "bm-legend");
  panel.appendChild(legend);
  document.body.appendChild(panel);

  var info = el("aside", "bm-info");
  info.hidden = true;
  document.body.appendChild(info);

  var credits = el("div", "bm-credits");
  [D.notice, D.osm, fmt(T.created, D.created)].forEach(function (line) {
    if (line) credits.appendChild(el("div", null, line));
  });
  document.body.appendChild(credits);
  [panel, info, credits].forEach(function (node) {
    L.DomEvent.disableClickPropagation(node);
    L.DomEvent.disableScrollPropagation(node);
  });

  function setLegendOpen(open) {
    panel.classList.toggle("legend-open", open);
    legendButton.setAttribute("aria-expanded", open ? "true" : "false");
  }
  legendButton.addEventListener("click", function () {
    setLegendOpen(!panel.classList.contains("legend-open"));
  });
  setLegendOpen(!PHONE.matches);

  function swatchCanvas(category) {
    var canvas = el("canvas", "bm-swatch");
    var ratio = window.devicePixelRatio || 1;
    canvas.width = 18 * ratio;
    canvas.height = 18 * ratio;
    var ctx = canvas.getContext("2d");
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.beginPath();
    shapePath(ctx, category.shape, 9, 9, 6);
    ctx.fillStyle = category.colour;
    ctx.fill();
    ctx.lineWidth = 1;
    ctx.strokeStyle = "#ffffff";
    ctx.stroke();
    return canvas;
  }

  function legendEntry(list, swatch, label, count, checked, onChange) {
    var item = el("li");
    var box = el("label", "bm-entry");
    var input = el("input");
    input.type = "checkbox";
    input.checked = checked;
    input.addEventListener("change", function () { onChange(input.checked); });
    box.appendChild(input);
    box.appendChild(swatch);
    box.appendChild(el("span", "bm-entry-label", label));
    box.appendChild(el("span", "bm-count", count));
    item.appendChild(box);
    list.appendChild(item);
    return input;
  }

  legend.appendChild(el("h2", null, T.zones));
  var zoneList = el("ul", "bm-list");
  legend.appendChild(zoneList);
  D.zoneTypes.forEach(function (t) {
    var swatch = el("span", "bm-swatch bm-zone-swatch");
    swatch.style.backgroundColor = t.colour;
    swatch.style.borderColor = t.outline;
    var input = legendEntry(zoneList, swatch, t.label, typeTotals[t.key] || 0, true, function (on) {
      shownTypes[t.key] = on;
      applyZoneFilter();
    });
    input.dataset.zoneType = t.key;
  });
  legend.appendChild(el("h2", null, T.sites));
  var siteList = el("ul", "bm-list");
  legend.appendChild(siteList);
  categories.forEach(function (category, c) {
    var input = legendEntry(siteList, swatchCanvas(category), category.label, categoryTotals[c], true, function (on) {
      shownCategories[c] = on;
      clusters = null; // clusters of the shown categories only
      sitesLayer.redraw();
      updateStatus();
    });
    input.dataset.category = category.key;
  });

  /* ---------------------------------------------------------------- optional online basemap (天地图) */

  /* Only with BASEMAP=tianditu. The key (tk) is the viewer's own: typed here or given as ?tdt=KEY, kept in
   * this browser's localStorage, never in a file of the web map (and removed from the address at once).
   * When the tiles fail (wrong key: HTTP 403/418, quota spent, no network) the page says so and shows the
   * map without a basemap. */
  var B = D.basemap || null;
  var KEY_STORE = "beltmap.tianditu.key";
  var memoryKey = "";
  var basemapLayer = null;
  var basemapMessage = null;
  var basemapCredit = null;
  function storedKey() {
    try { return window.localStorage.getItem(KEY_STORE) || memoryKey; } catch (e) { return memoryKey; }
  }
  function storeKey(key) {
    memoryKey = key;
    try {
      if (key) window.localStorage.setItem(KEY_STORE, key); else window.localStorage.removeItem(KEY_STORE);
    } catch (e) { /* no storage (private mode, file:// in some browsers): kept for this visit only */ }
  }
  if (B) {
    var keyInAddress = /[?&]tdt=([^&#]*)/.exec(location.search);
    if (keyInAddress) {
      storeKey(decodeURIComponent(keyInAddress[1]).trim());
      var search = location.search.replace(/([?&])tdt=[^&#]*&?/, "$1").replace(/[?&]$/, "");
      try { history.replaceState(null, "", location.pathname + search + location.hash); } catch (e) { /* file:// */ }
    }
  }
  function sayBasemap(text, state) {
    basemapMessage.textContent = text || "";
    basemapMessage.hidden = !text;
    basemapMessage.dataset.state = state;
  }
  function restyleZones() {
    zones.forEach(function (z) { z.layer.setStyle(zoneStyle(z, z === selectedZone)); });
  }
  function showBasemap(style) {
    if (basemapLayer) map.removeLayer(basemapLayer);
    basemapLayer = null;
    basemapShown = false;
    basemapCredit.hidden = true;
    var key = storedKey();
    var radio = legend.querySelector("input[name=bm-basemap][value=" + style + "]");
    if (radio) radio.checked = true;
    if (style === "none" || !B.styles[style]) {
      sayBasemap(key ? "" : T.basemapNeedKey, "none");
      restyleZones();
      return;
    }
    if (!key) {
      sayBasemap(T.basemapNeedKey, "nokey");
      legend.querySelector("input[name=bm-basemap][value=none]").checked = true;
      restyleZones();
      return;
    }
    var loaded = 0, failed = 0;
    var layers = B.styles[style].map(function (url) {
      return L.tileLayer(url, { tk: key, subdomains: B.subdomains, maxZoom: 19, maxNativeZoom: B.maxZoom, crossOrigin: false });
    });
    layers[0].on("tileload", function () {
      loaded++;
      if (basemapMessage.dataset.state === "loading") sayBasemap("", "shown");
    });
    layers[0].on("tileerror", function () {
      failed++;
      if (!loaded && failed >= 2 && basemapLayer) {
        showBasemap("none");
        sayBasemap(T.basemapFailed, "failed");
      }
    });
    basemapLayer = L.layerGroup(layers).addTo(map);
    basemapShown = true;
    basemapCredit.hidden = false;
    sayBasemap("", "loading");
    restyleZones();
  }
  if (B) {
    legend.appendChild(el("h2", null, T.basemap));
    var basemapList = el("ul", "bm-list bm-basemap-list");
    legend.appendChild(basemapList);
    [["none", T.basemapNone], ["vec", T.basemapVec], ["img", T.basemapImg]].forEach(function (choice) {
      var item = el("li");
      var box = el("label", "bm-entry");
      var input = el("input");
      input.type = "radio";
      input.name = "bm-basemap";
      input.value = choice[0];
      input.addEventListener("change", function () { if (input.checked) showBasemap(choice[0]); });
      box.appendChild(input);
      box.appendChild(el("span", "bm-entry-label", choice[1]));
      item.appendChild(box);
      basemapList.appendChild(item);
    });
    var keyRow = el("form", "bm-key-row");
    var keyInput = el("input", "bm-key");
    keyInput.type = "password";
    keyInput.autocomplete = "off";
    keyInput.placeholder = T.basemapKey;
    keyInput.setAttribute("aria-label", T.basemapKey);
    var keyButton = el("button", "bm-key-button", T.basemapSave);
    keyButton.type = "submit";
    keyRow.appendChild(keyInput);
    keyRow.appendChild(keyButton);
    keyRow.addEventListener("submit", function (e) {
      e.preventDefault();
      storeKey(keyInput.value.trim());
      keyInput.value = "";
      showBasemap(storedKey() ? "vec" : "none");
    });
    legend.appendChild(keyRow);
    var forget = el("button", "bm-key-forget", T.basemapForget);
    forget.type = "button";
    forget.addEventListener("click", function () {
      storeKey("");
      showBasemap("none");
    });
    legend.appendChild(forget);
    basemapMessage = el("p", "bm-basemap-message");
    basemapMessage.setAttribute("role", "status");
    legend.appendChild(basemapMessage);
    basemapCredit = el("div", "bm-basemap-credit");
    basemapCredit.appendChild(el("div", null, B.attribution));
    basemapCredit.appendChild(el("div", null, B.approval));
    basemapCredit.hidden = true;
    credits.insertBefore(basemapCredit, credits.firstChild);
  }

  if (catchmentGroups.length) {
    legend.appendChild(el("h2", null, T.catchments));
    var catchmentList = el("ul", "bm-list");
    legend.appendChild(catchmentList);
    catchmentGroups.forEach(function (g) {
      var swatch = el("span", "bm-swatch bm-zone-swatch");
      swatch.style.backgroundColor = g.colour;
      swatch.style.borderColor = g.colour;
      var count = D.catchments.features.filter(function (f) { return f.properties.radius === g.radius; }).length;
      var input = legendEntry(catchmentList, swatch, fmt(T.withinRadius, g.radius), count, true, function (on) {
        if (on) g.layer.addTo(map); else map.removeLayer(g.layer);
      });
      input.dataset.radius = g.radius;
    });
  }

  if (C) {
    var changesHead = el("h2", "bm-changes-head");
    var changesBox = el("label", "bm-entry");
    var changesInput = el("input");
    changesInput.type = "checkbox";
    changesInput.checked = true;
    changesInput.dataset.changes = "all";
    changesInput.addEventListener("change", function () {
      if (changesInput.checked) changeGroup.addTo(map); else map.removeLayer(changeGroup);
    });
    changesBox.appendChild(changesInput);
    changesBox.appendChild(el("span", "bm-entry-label", fmt(T.changes, C.before, C.after)));
    changesHead.appendChild(changesBox);
    legend.appendChild(changesHead);
    var changeList = el("ul", "bm-list bm-change-list");
    legend.appendChild(changeList);
    CHANGE_KINDS.forEach(function (kind) {
      var swatch = el("span", "bm-swatch bm-chg-swatch");
      swatch.appendChild(changeSymbol(kind));
      var input = legendEntry(changeList, swatch, T[kind], C.counts[kind] || 0, true, function (on) {
        shownKinds[kind] = on;
        applyChangeFilter();
      });
      input.dataset.change = kind;
    });
    if (zoneChanges.length) {
      changesInput.addEventListener("change", function () {
        if (changesInput.checked) zoneChangeGroup.addTo(map); else map.removeLayer(zoneChangeGroup);
      });
      legend.appendChild(el("h2", "bm-zone-change-head", T.zoneChanges));
      var zoneChangeList = el("ul", "bm-list bm-zone-change-list");
      legend.appendChild(zoneChangeList);
      (C.zoneStyles || []).forEach(function (st) {
        var count = C.zoneCounts[st.kind] || 0;
        if (!count) return;
        var swatch = el("span", "bm-swatch bm-zone-chg-swatch bm-line-" + st.line);
        swatch.style.borderColor = st.colour;
        var input = legendEntry(zoneChangeList, swatch, zoneKindLabel(st.kind), count, true, function (on) {
          shownZoneKinds[st.kind] = on;
          applyZoneChangeFilter();
        });
        input.dataset.zoneChange = st.kind;
      });
    }
  }


  if (P) {
    var progressHead = el("h2", "bm-progress-head-legend");
    var progressBox = el("label", "bm-entry");
    var progressInput = el("input");
    progressInput.type = "checkbox";
    progressInput.checked = true;
    progressInput.dataset.progress = "all";
    progressInput.addEventListener("change", function () {
      if (progressInput.checked) progressGroup.addTo(map); else map.removeLayer(progressGroup);
    });
    progressBox.appendChild(progressInput);
    progressBox.appendChild(el("span", "bm-entry-label", fmt(T.progress, P.labels.join(" → "))));
    progressHead.appendChild(progressBox);
    legend.appendChild(progressHead);
    var progressList = el("ul", "bm-list bm-progress-list");
    legend.appendChild(progressList);
    P.statuses.forEach(function (st) {
      if (!st.zones) return;
      var swatch = el("span", "bm-swatch");
      swatch.style.backgroundColor = st.colour;
      swatch.style.borderColor = "#404040";
      var input = legendEntry(progressList, swatch, st.label, st.zones, true, function (on) {
        shownStatuses[st.key] = on;
        applyProgressFilter();
      });
      input.dataset.status = st.key;
    });
  }


  if (K) {
    var chainsHead = el("h2", "bm-chains-head");
    var chainsBox = el("label", "bm-entry");
    var chainsInput = el("input");
    chainsInput.type = "checkbox";
    chainsInput.checked = true;
    chainsInput.dataset.chains = "all";
    chainsInput.addEventListener("change", function () {
      chainsOn = chainsInput.checked;
      applyChainFilter();
    });
    chainsBox.appendChild(chainsInput);
    chainsBox.appendChild(el("span", "bm-entry-label", T.chains));
    chainsBox.appendChild(el("span", "bm-count", K.links.length));
    chainsHead.appendChild(chainsBox);
    legend.appendChild(chainsHead);
    if (K.chains.length > 1 || (K.chains.length === 1 && K.chains[0].name)) {
      var chainSelect = el("select", "bm-chain-select");
      chainSelect.setAttribute("aria-label", T.chainFilter);
      var all = el("option", null, fmt(T.chainAll, K.links.length));
      all.value = "";
      all.dataset.all = "1";
      chainSelect.appendChild(all);
      K.chains.forEach(function (c, k) {
        var option = el("option", null, (c.name || T.chainNone) + " (" + c.count + ")");
        option.value = String(k);
        chainSelect.appendChild(option);
      });
      chainSelect.addEventListener("change", function () {
        shownChain = chainSelect.value === "" ? null : K.chains[Number(chainSelect.value)].name;
        applyChainFilter();
        if (selectedFirm) firmInfo(selectedFirm);
      });
      legend.appendChild(chainSelect);
    }
    var relationList = el("ul", "bm-list bm-relation-list");
    legend.appendChild(relationList);
    K.relations.forEach(function (r) {
      if (!r.count) return;
      var swatch = el("span", "bm-swatch bm-line-swatch");
      swatch.style.backgroundColor = r.colour;
      var input = legendEntry(relationList, swatch, r.label, r.count, true, function (on) {
        shownRelations[r.key] = on;
        applyChainFilter();
        if (selectedFirm) firmInfo(selectedFirm);
      });
      input.dataset.relation = r.key;
    });
  }

  function zoneShown(z) {
    return z.p.type in shownTypes ? shownTypes[z.p.type] : true;
  }

  function applyZoneFilter() {
    zones.forEach(function (z) {
      var show = zoneShown(z);
      if (show && !zoneGroup.hasLayer(z.layer)) zoneGroup.addLayer(z.layer);
      if (!show && zoneGroup.hasLayer(z.layer)) zoneGroup.removeLayer(z.layer);
    });
    updateLabels();
    updateStatus();
  }

  // zone labels from the largest zone down; a label that would overlap one already placed is hidden
  var labelOrder = zones.slice().sort(function (a, b) { return b.p.area - a.p.area; });
  function updateLabels() {
    var visible = map.getZoom() >= 13.5;
    labels.forEach(function (label, i) {
      var show = visible && zoneShown(zones[i]);
      if (show && !map.hasLayer(label)) label.addTo(map);
      if (!show && map.hasLayer(label)) map.removeLayer(label);
    });
    var placed = [];
    labelOrder.forEach(function (z) {
      if (!map.hasLayer(z.label)) return;
      var span = z.label.getElement().firstChild;
      span.style.visibility = "";
      var box = span.getBoundingClientRect();
      var free = placed.every(function (other) {
        return box.right + 2 < other.left || box.left - 2 > other.right || box.bottom < other.top || box.top > other.bottom;
      });
      if (free) placed.push(box);
      else span.style.visibility = "hidden";
    });
  }

  var shownZoneCount = 0;
  var shownSiteCount = 0;
  function updateStatus() {
    shownZoneCount = zones.filter(zoneShown).length;
    shownSiteCount = 0;
    for (var c = 0; c < categories.length; c++) if (shownCategories[c]) shownSiteCount += categoryTotals[c];
    statusLine.textContent = fmt(T.status, shownZoneCount, shownSiteCount);
    statusLine.dataset.zones = String(shownZoneCount);
    statusLine.dataset.sites = String(shownSiteCount);
  }

  /* ---------------------------------------------------------------- info panel, selection, hash */

  function row(list, term, value) {
    list.appendChild(el("dt", null, term));
    list.appendChild(el("dd", null, value));
  }

  function typeLabel(key) {
    return zoneTypes[key] ? zoneTypes[key].label : T.unknownType;
  }

  function showInfo(kind, title, fill) {
    info.textContent = "";
    var head = el("div", "bm-info-head");
    head.appendChild(el("span", "bm-kind", kind));
    var close = el("button", "bm-close", "×");
    close.type = "button";
    close.title = T.close;
    close.setAttribute("aria-label", T.close);
    close.addEventListener("click", clearSelection);
    head.appendChild(close);
    info.appendChild(head);
    info.appendChild(el("h2", "bm-info-title", title));
    var list = el("dl");
    fill(list);
    info.appendChild(list);
    info.hidden = false;
  }

  function siteInfo(i) {
    var category = categories[S.cat[i]];
    showInfo(category.label, S.name[i] || S.id[i], function (list) {
      row(list, T.siteKey, S.id[i]);
      row(list, T.category, category.label);
      if (S.address && S.address[i]) row(list, T.address, S.address[i]);
      if (S.phone && S.phone[i]) row(list, T.phone, S.phone[i]);
      var zone = S.zone[i] >= 0 ? zones[S.zone[i]] : null;
      var type = siteType(i) || (zone && zone.p.type);
      if (siteType(i) || zone) {
        row(list, T.zoneType, type ? typeLabel(type) : T.noZone);
        row(list, T.zoneName, zone ? zone.p.name : T.noZone);
      }
      if (S.coverage) {
        var walk = S.walk[i];
        var minutes = S.minutes && S.minutes[i] !== null ? S.minutes[i] : Math.max(1, Math.round(walk / WALK_SPEED));
        if (S.station && S.station[i]) row(list, T.station, S.station[i]);
        row(list, T.walk, walk === null ? T.noWalk : fmt(T.walkValue, walk, minutes));
      }
      if (S.own && S.own[i]) {
        var largest = catchmentGroups.length ? catchmentGroups[catchmentGroups.length - 1].radius : null;
        var served = 0;
        for (var j = 0; j < S.station.length; j++) {
          if (S.station[j] === S.own[i] && S.walk[j] !== null && (largest === null || S.walk[j] <= largest)) served++;
        }
        row(list, fmt(T.served, largest === null ? "-" : largest), served);
      }
    });
    info.dataset.kind = "site";
    info.dataset.id = S.id[i];
  }

  function zoneInfo(z) {
    showInfo(T.kindZone, z.p.name, function (list) {
      row(list, T.zoneId, z.p.id);
      row(list, T.type, typeLabel(z.p.type));
      row(list, T.area, fmt(T.areaValue, z.p.area.toFixed(2)));
      if (D.index) {
        row(list, T.score, z.p.score === undefined || z.p.score === null ? "–" : z.p.score.toFixed(1));
        row(list, T.grade, z.p.grade || "–");
      }
      if (S.tagged) {
        list.appendChild(el("dt", "bm-wide", T.perCategory));
        var dd = el("dd", "bm-wide");
        var table = el("ul", "bm-counts");
        categories.forEach(function (category, c) {
          if (!z.counts[c]) return;
          var item = el("li");
          item.appendChild(swatchCanvas(category));
          item.appendChild(el("span", null, category.label));
          item.appendChild(el("b", null, z.counts[c]));
          table.appendChild(item);
        });
        var total = el("li", "bm-total");
        total.appendChild(el("span", null, T.total));
        total.appendChild(el("b", null, z.total));
        table.appendChild(total);
        dd.appendChild(table);
        list.appendChild(dd);
      }
      if (zoneChangeById[z.p.id]) zoneChangeRows(list, zoneChangeById[z.p.id]);
      if (P && progressById[z.p.id]) progressRows(list, progressById[z.p.id]);
    });
    info.dataset.kind = "zone";
    info.dataset.id = z.p.id;
  }

  function zoneKindLabel(kind) {
    return T["zone_" + kind] || kind;
  }

  function zoneChangeRows(list, e) {
    // what changed since the baseline: kinds, related zones, type, name and area before → after
    list.appendChild(el("dt", "bm-wide bm-change-title", fmt(T.changes, C.before, C.after)));
    row(list, T.change, e.kinds.map(zoneKindLabel).join(" · "));
    if (e.related) row(list, T.related, e.related);
    var added = e.kinds.indexOf("added") >= 0 && !e.idB;
    var removed = e.year === "before";
    function pair(b, a) { return fmt(T.beforeAfter, added ? "–" : b, removed ? "–" : a); }
    row(list, T.type, pair(e.typeB ? typeLabel(e.typeB) : "–", e.typeA ? typeLabel(e.typeA) : "–"));
    row(list, T.name, pair(e.nameB || e.idB || "–", e.nameA || "–"));
    function km2(v) { return v === null || v === undefined ? "–" : fmt(T.areaValue, v.toFixed(2)); }
    row(list, T.area, pair(km2(e.areaB), km2(e.areaA)));
  }

  function zoneChangeInfo(e) {
    selectedSite = -1;
    highlightZone(null);
    if (C) markChange(null);
    showInfo(T.kindZoneChange, e.nameB || e.nameA || e.id, function (list) {
      row(list, T.zoneId, e.id);
      zoneChangeRows(list, e);
    });
    info.dataset.kind = "zoneChange";
    info.dataset.id = e.id;
    sitesLayer.redraw();
  }

  function zoneText(id) {
    if (!id) return T.noZone;
    return zoneById[id] ? zoneById[id].p.name + " (" + id + ")" : id;
  }

  function categoryText(key) {
    for (var c = 0; c < categories.length; c++) if (categories[c].key === key) return categories[c].label;
    return key;
  }

  function changeInfo(item) {
    var e = item.entry;
    showInfo(fmt(T.changes, C.before, C.after), e.name || e.key, function (list) {
      row(list, T.change, e.kinds.map(function (kind) { return T[kind]; }).join(" · "));
      if (e.key) row(list, T.siteKey, e.key);
      if (e.category) row(list, T.category, categoryText(e.category));
      var added = e.kinds.indexOf("added") >= 0;
      var removed = e.kinds.indexOf("removed") >= 0;
      var typeB = added ? "–" : (e.typeB ? typeLabel(e.typeB) : T.noZone);
      var typeA = removed ? "–" : (e.typeA ? typeLabel(e.typeA) : T.noZone);
      row(list, T.zoneType, fmt(T.beforeAfter, typeB, typeA));
      row(list, T.zoneName, fmt(T.beforeAfter, added ? "–" : zoneText(e.zoneB), removed ? "–" : zoneText(e.zoneA)));
      if (e.moved !== null && e.moved !== undefined) row(list, T.movedBy, fmt(T.metres, Math.round(e.moved)));
      if (e.fields) {
        list.appendChild(el("dt", "bm-wide", T.fieldsChanged));
        var dd = el("dd", "bm-wide");
        var changes = el("ul", "bm-counts bm-fields");
        e.fields.split("; ").forEach(function (part) { changes.appendChild(el("li", null, part)); });
        dd.appendChild(changes);
        list.appendChild(dd);
      }
    });
    info.dataset.kind = "change";
    info.dataset.id = e.key;
  }

  function markChange(item) {
    if (selectedChange && selectedChange.marker.getElement()) {
      selectedChange.marker.getElement().classList.remove("bm-chg-selected");
    }
    selectedChange = item;
    if (item && item.marker.getElement()) item.marker.getElement().classList.add("bm-chg-selected");
  }

  function selectChange(item) {
    selectedSite = -1;
    highlightZone(null);
    markChange(item);
    changeInfo(item);
    setHash("");
    sitesLayer.redraw();
  }

  function setHash(value) {
    if (decodeURIComponent(location.hash.slice(1)) === value) return;
    var url = location.href.split("#")[0] + (value ? "#" + encodeURIComponent(value).replace(/%3D/g, "=") : "");
    try {
      history.replaceState(null, "", url);
    } catch (e) {
      location.hash = value;
    }
  }

  function highlightZone(z) {
    if (selectedZone) selectedZone.layer.setStyle(zoneStyle(selectedZone, false));
    selectedZone = z;
    if (z) {
      z.layer.setStyle(zoneStyle(z, true));
      z.layer.bringToFront();
    }
  }

  function selectSite(i, zoom) {
    highlightZone(null);
    if (C) markChange(null);
    if (K && selectedFirm) highlightFirm(null);
    selectedSite = i;
    if (!shownCategories[S.cat[i]]) {
      shownCategories[S.cat[i]] = true;
      clusters = null;
      var box = siteList.querySelectorAll("input")[S.cat[i]];
      if (box) box.checked = true;
      updateStatus();
    }
    siteInfo(i);
    setHash("site=" + S.id[i]);
    // at street zoom the site is out of its cluster
    if (zoom) map.setView([S.y[i], S.x[i]], Math.max(map.getZoom(), CLUSTER_MAX_ZOOM + 1), { animate: started });
    sitesLayer.redraw();
  }

  function selectZone(z, zoom) {
    selectedSite = -1;
    if (C) markChange(null);
    if (K && selectedFirm) highlightFirm(null);
    highlightZone(z);
    zoneInfo(z);
    setHash("zone=" + z.p.id);
    if (zoom) map.fitBounds(z.layer.getBounds(), L.extend(fitPadding(), { animate: started }));
    sitesLayer.redraw();
  }

  function clearSelection() {
    selectedSite = -1;
    if (C) markChange(null);
    if (K && selectedFirm) highlightFirm(null);
    highlightZone(null);
    info.hidden = true;
    delete info.dataset.kind;
    setHash("");
    sitesLayer.redraw();
  }

  function fitPadding() {
    if (PHONE.matches) {
      var sheet = info.hidden ? 16 : Math.round(map.getSize().y * 0.45) + 8;
      return { paddingTopLeft: [16, 130], paddingBottomRight: [16, sheet], maxZoom: 18 };
    }
    return { paddingTopLeft: [340, 20], paddingBottomRight: [info.hidden ? 60 : 370, 20], maxZoom: 18 };
  }

  function fromHash() {
    var hash = decodeURIComponent(location.hash.slice(1));
    var match = /^(zone|site)=(.*)$/.exec(hash);
    if (!match) return false;
    if (match[1] === "zone" && zoneById[match[2]]) {
      selectZone(zoneById[match[2]], true);
      return true;
    }
    if (match[1] === "site" && siteById(match[2]) >= 0) {
      selectSite(siteById(match[2]), true);
      return true;
    }
    showInfo("", fmt(T.notFound, match[2]), function () {});
    return false;
  }
  window.addEventListener("hashchange", fromHash);

  map.on("click", function (e) {
    var cluster = clusterAt(e.containerPoint);
    if (cluster) {
      pendingZone = null;
      openCluster(cluster);
      return;
    }
    var hit = siteAt(e.containerPoint, e.originalEvent && e.originalEvent.pointerType === "touch" ? 18 : 10);
    var zone = pendingZone;
    pendingZone = null;
    if (hit >= 0) selectSite(hit, false);
    else if (zone) selectZone(zone, false);
    else clearSelection();
  });
  var hoverPending = false;
  map.on("mousemove", function (e) {
    if (hoverPending) return;
    hoverPending = true;
    window.requestAnimationFrame(function () {
      hoverPending = false;
      map.getContainer().classList.toggle("over-site", !!clusterAt(e.containerPoint) || siteAt(e.containerPoint, 10) >= 0);
    });
  });
  map.on("zoomend moveend", updateLabels);

  /* ---------------------------------------------------------------- search */

  /* Search by anything a planner types: a site's id (the key field), name, address or phone, a zone's id or
   * name. Exact ids first (site, then zone), then zones, then sites whose id, name, address or phone holds the
   * text (a phone also matches by its digits alone: "021 5957" finds "021-59571234"). Each column is one
   * lower-case text with the sites' offsets, searched with indexOf: fast for 100,000 sites. */
  var MAX_HITS = 30;
  var haystacks = null;
  function haystack(values, clean) {
    var starts = new Int32Array(values.length + 1);
    var parts = new Array(values.length);
    var at = 0;
    for (var i = 0; i < values.length; i++) {
      var v = clean(String(values[i]));
      starts[i] = at;
      parts[i] = v;
      at += v.length + 1;
    }
    starts[values.length] = at;
    return { text: parts.join("\n"), starts: starts };
  }
  function lower(v) { return v.toLowerCase(); }
  function digits(v) { return v.replace(/[^0-9]/g, ""); }
  function buildHaystacks() {
    var h = { site: [] };
    h.site.push(haystack(S.id, lower));
    h.site.push(haystack(S.name, lower));
    if (S.address) h.site.push(haystack(S.address, lower));
    if (S.phone) {
      h.site.push(haystack(S.phone, lower));
      h.phoneDigits = haystack(S.phone, digits);
    }
    return h;
  }
  function locate(starts, position) {
    // the site whose text holds the position (binary search in the offsets)
    var lo = 0, hi = starts.length - 2;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= position) lo = mid; else hi = mid - 1;
    }
    return lo;
  }
  function findIn(h, query, each) {
    var at = h.text.indexOf(query);
    while (at >= 0) {
      var i = locate(h.starts, at);
      each(i);
      at = h.text.indexOf(query, h.starts[i + 1]);
    }
  }

  function search() {
    var typed = searchBox.value.trim();
    var query = typed.toLowerCase();
    hitList.textContent = "";
    if (!query) {
      hitList.hidden = true;
      return;
    }
    if (!haystacks) haystacks = buildHaystacks();
    var hits = [];
    var more = 0;
    var seen = new Uint8Array(siteCount);
    var seenZones = {};
    function add(hit) {
      if (hits.length < MAX_HITS) hits.push(hit);
      else more++;
    }
    function addSite(i) {
      if (seen[i]) return;
      seen[i] = 1;
      add({ label: S.name[i] || S.id[i], detail: S.id[i], kind: categories[S.cat[i]].label, pick: selectSite.bind(null, i, true) });
    }
    function addZone(z) {
      if (seenZones[z.p.id]) return;
      seenZones[z.p.id] = true;
      add({ label: z.p.name, detail: z.p.id, kind: typeLabel(z.p.type), pick: function () { selectZone(z, true); } });
    }
    // exact ids first: the site with this id, the zone with this id
    var exact = siteById(typed);
    if (exact < 0 && typed !== query) exact = siteById(query);
    if (exact >= 0) addSite(exact);
    zones.forEach(function (z) { if (String(z.p.id).toLowerCase() === query) addZone(z); });
    zones.forEach(function (z) {
      if (String(z.p.name).toLowerCase().indexOf(query) >= 0 || String(z.p.id).toLowerCase().indexOf(query) >= 0) addZone(z);
    });
    haystacks.site.forEach(function (h) { findIn(h, query, addSite); });
    var phoneDigits = digits(query);
    if (haystacks.phoneDigits && phoneDigits.length >= 3 && /^[0-9\s()+.\-]+$/.test(query)) {
      findIn(haystacks.phoneDigits, phoneDigits, addSite);
    }
    hits.forEach(function (hit) {
      var item = el("li");
      var button = el("button", "bm-hit");
      button.type = "button";
      var label = el("span", "bm-hit-text");
      label.appendChild(el("span", "bm-hit-name", hit.label));
      if (hit.detail && hit.detail !== hit.label) label.appendChild(el("small", "bm-hit-id", hit.detail));
      button.appendChild(label);
      button.appendChild(el("span", "bm-hit-kind", hit.kind));
      button.addEventListener("click", function () {
        hit.pick();
        hitList.hidden = true;
        if (PHONE.matches) searchBox.blur();
      });
      item.appendChild(button);
      hitList.appendChild(item);
    });
    if (!hits.length) hitList.appendChild(el("li", "bm-nohit", fmt(T.noHits, typed)));
    if (more) hitList.appendChild(el("li", "bm-nohit", fmt(T.moreHits, more)));
    hitList.hidden = false;
  }
  var searchTimer = null;
  searchBox.addEventListener("input", function () {
    window.clearTimeout(searchTimer);
    searchTimer = window.setTimeout(search, siteCount > 20000 ? 120 : 60);
  });
  searchBox.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      window.clearTimeout(searchTimer);
      search();
      var first = hitList.querySelector("button");
      if (first) first.click();
    }
  });
  // the search texts are made while the page is idle, not at the first keystroke
  window.setTimeout(function () { if (!haystacks) haystacks = buildHaystacks(); siteById(""); }, 1500);

  /* ---------------------------------------------------------------- start */

  function fullBounds() {
    var bounds = L.latLngBounds([]);
    if (D.belt) bounds.extend(L.geoJSON(D.belt).getBounds());
    zones.forEach(function (z) { bounds.extend(z.layer.getBounds()); });
    if (!bounds.isValid() && siteCount) {
      for (var i = 0; i < siteCount; i++) bounds.extend([S.y[i], S.x[i]]);
    }
    return bounds.isValid() ? bounds : L.latLngBounds([[31.26, 121.15], [31.31, 121.23]]);
  }

  map.fitBounds(fullBounds(), fitPadding());
  if (B) showBasemap(storedKey() ? "vec" : "none");
  applyZoneFilter();
  sitesLayer.addTo(map);
  fromHash();
  started = true;
  window.requestAnimationFrame(function () {
    window.BELTMAP_READY = performance.now();
    window.BELTMAP_MAP = map; // for tests and for planners who script the page
    window.BELTMAP_CLUSTERS = function () {
      // the clusters drawn now: container position, radius and count
      var out = [];
      for (var j = 0; j < clusterCount; j++) {
        out.push({ x: clusterX[j], y: clusterY[j], r: clusterR[j], count: clusterItem[j].properties.point_count });
      }
      return out;
    };
    document.body.dataset.ready = "1";
  });
})();
