// Command deadlock is run by guard's tests in a separate process: every goroutine
// but the runtime's is blocked while guard.Run waits, a situation in which the Go
// runtime would normally stop the program with "all goroutines are asleep".
//
//	deadlock guarded  # prints "blocked" and exits 0: Run's timer keeps the runtime quiet
//	deadlock plain    # the same lock without guard: the runtime's fatal error, exit 2
//
// Build it with CGO_ENABLED=0: programs that link cgo never report such deadlocks.
package main

import (
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/go-concurrency-lab/course/helpers/guard"
)

func main() {
	var mu sync.Mutex
	mu.Lock()
	if len(os.Args) > 1 && os.Args[1] == "plain" {
		mu.Lock() // the runtime notices that nothing can ever unlock it
		return
	}
	o := guard.Run(200*time.Millisecond, func() { mu.Lock() })
	if o.Blocked {
		fmt.Println("blocked")
		return
	}
	fmt.Println("unexpected outcome:", o)
	os.Exit(1)
}
