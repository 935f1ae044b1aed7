//go:build ignore

package main

// firstAnswer asks every mirror at once and returns the first answer to arrive.
func firstAnswer(mirrors []func() string) string {
	answers := make(chan string, len(mirrors)) // room for every answer: no sender waits, so every goroutine ends
	for _, mirror := range mirrors {
		go func() {
			answers <- mirror()
		}()
	}
	return <-answers
}
