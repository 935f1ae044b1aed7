package workload

import "fmt"

// Binary units of memory, in bytes.
const (
	KB = 1 << 10
	MB = 1 << 20
	GB = 1 << 30
)

// FormatBytes formats bytes with a binary unit, as this package prints memory:
// "2.7 KB", "268 MB", "2.6 GB".
func FormatBytes(bytes float64) string {
	switch {
	case bytes < 0:
		return "-" + FormatBytes(-bytes)
	case bytes >= GB:
		return fmt.Sprintf("%.1f GB", bytes/GB)
	case bytes >= MB:
		return fmt.Sprintf("%.0f MB", bytes/MB)
	default:
		return fmt.Sprintf("%.1f KB", bytes/KB)
	}
}
