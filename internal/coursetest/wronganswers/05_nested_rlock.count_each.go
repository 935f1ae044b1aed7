//go:build ignore

package main

// No lock in Total, so no nested RLock: but a Move can land between two counts.
func (inv *inventory) Total(items ...string) int {
	total := 0
	for _, item := range items {
		total += inv.Count(item)
	}
	return total
}
