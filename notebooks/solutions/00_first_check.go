//go:build ignore

package main

// greetingFromGoroutine gets its greeting from another goroutine.
func greetingFromGoroutine() string {
	messages := make(chan string, 1)
	go func() {
		messages <- "Hello, Gopher!"
	}()
	return <-messages
}
