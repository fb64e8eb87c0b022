"""Which data folders are on a network drive (WAL's shared memory does not work there)."""

from __future__ import annotations

from pathlib import Path

from hnclient.storage.filesystems import is_network_path, mount_type

MOUNTS = """\
/dev/sda2 / ext4 rw,relatime 0 0
/dev/sdb1 /media/officer/U\\040盘 vfat rw,nosuid 0 0
//fileserver/报送 /home/officer/共享 cifs rw,vers=3.0 0 0
server:/export /mnt/nfs nfs4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


def test_the_longest_mount_point_decides() -> None:
    assert mount_type(Path("/home/officer/共享/hnclient/data"), MOUNTS) == "cifs"
    assert mount_type(Path("/home/officer/共享x/data"), MOUNTS) == "ext4"  # a sibling name
    assert mount_type(Path("/mnt/nfs"), MOUNTS) == "nfs4"
    assert mount_type(Path("/media/officer/U 盘/data"), MOUNTS) == "vfat"  # escaped space
    assert mount_type(Path("/tmp/x"), MOUNTS) == "tmpfs"


def test_a_local_folder_is_not_a_network_drive(tmp_path: Path) -> None:
    assert not is_network_path(tmp_path)
