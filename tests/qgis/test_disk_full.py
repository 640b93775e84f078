"""A full disk is named as such (磁盘空间不足 / no space left), with the folder and the free space: on a real
4 kB tmpfs (the tests run as root, as CI does), not a simulated error."""

import os
import subprocess
import uuid

import pytest


@pytest.fixture
def full_disk(tmp_path):
    """A folder on a 4 kB file system."""
    folder = tmp_path / "small_disk"
    folder.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", str(folder)], check=False)
    assert result.returncode == 0, "mounting a tmpfs needs root, as `make test` runs in CI"
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def test_a_page_that_does_not_fit_on_the_disk_says_the_disk_is_full(qgis_app, full_disk):
    from beltmap.core.cartography.render import RenderError, render
    from qgis.core import QgsLayoutItemLabel, QgsPrintLayout, QgsProject

    project = QgsProject()
    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    label = QgsLayoutItemLabel(layout)
    label.setText("实践带 " + uuid.uuid4().hex)
    layout.addLayoutItem(label)
    target = full_disk / "change_map.png"
    with pytest.raises(RenderError) as info:
        render(layout, str(target), "PNG", 300)
    message = str(info.value)
    assert "No space left on device" in message and str(target) in message and "MB free there" in message
    assert "error 3" not in message
    assert sum(os.path.getsize(full_disk / name) for name in os.listdir(full_disk)) <= 4 * 1024
