//go:build ignore

package main

// firstAnswer asks every mirror at once and returns the first answer to arrive.
// Wrong: the drainer receives the other answers, but nobody closes answers, so
// the drainer itself waits forever.
func firstAnswer(mirrors []func() string) string {
	answers := make(chan string)
	for _, mirror := range mirrors {
		go func() {
			answers <- mirror()
		}()
	}
	first := <-answers
	go func() {
		for range answers {
		}
	}()
	return first
}
