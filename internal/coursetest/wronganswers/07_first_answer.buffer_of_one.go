//go:build ignore

package main

// firstAnswer asks every mirror at once and returns the first answer to arrive.
// Wrong: room for one answer only, so the third mirror's goroutine still blocks.
func firstAnswer(mirrors []func() string) string {
	answers := make(chan string, 1)
	for _, mirror := range mirrors {
		go func() {
			answers <- mirror()
		}()
	}
	return <-answers
}
