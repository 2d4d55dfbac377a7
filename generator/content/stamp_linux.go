package content

import "syscall"

// sysStamp gives the inode and the change time (UnixNano) a stat of the system
// holds.
func sysStamp(sys any) (ino, dev uint64, ctime int64, ok bool) {
	st, ok := sys.(*syscall.Stat_t)
	if !ok {
		return 0, 0, 0, false
	}
	return st.Ino, uint64(st.Dev), st.Ctim.Nano(), true
}
