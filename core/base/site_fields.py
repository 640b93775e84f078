"""The one table of the field names a sites layer may use: loader, validation, changes and the web map
read a site's id, category and name through these lists."""

# the id fields planners' site lists use, in order of preference
SITE_KEY_FIELDS = ("site_id", "id", "编号", "code")
SITE_CATEGORY_FIELDS = ("category", "类别")
SITE_NAME_FIELDS = ("name", "名称")
