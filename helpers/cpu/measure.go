package cpu

// Measure calls f once and returns what the call cost, measured like a
// [Stopwatch]: its wall-clock time, this program's CPU time and the other
// programs' CPU time meanwhile. For a nil f it returns the zero Usage.
//
//	a := cpu.Measure(func() { oneAfterAnother(rec) })
//	fmt.Printf("%.2f cores busy\n", a.Cores())
func Measure(f func()) Usage {
	if f == nil {
		return Usage{}
	}
	watch := Start()
	f()
	return watch.Stop()
}
