//go:build ignore

package main

// Total only reads, so it takes no lock.
func (b *Bank) Total() int {
	total := 0
	for _, balance := range b.balances {
		total += balance
	}
	return total
}
