//go:build ignore

package main

import "sync"

// inventory counts the items in stock.
type inventory struct {
	mu    sync.RWMutex
	stock map[string]int
}

func newInventory() *inventory {
	return &inventory{stock: map[string]int{"apples": 10, "pears": 10, "plums": 10, "figs": 10}}
}

// Count returns how many of item are in stock.
func (inv *inventory) Count(item string) int {
	inv.mu.RLock()
	defer inv.mu.RUnlock()
	return inv.count(item)
}

// count reads the stock of item. The caller must hold inv.mu (for reading or writing),
// so count never locks: the exported methods lock, the unexported helpers assume it.
func (inv *inventory) count(item string) int {
	return inv.stock[item]
}

// Total returns the stock of all the items together, as one consistent snapshot:
// one read lock for the whole sum, and no second one inside.
func (inv *inventory) Total(items ...string) int {
	inv.mu.RLock()
	defer inv.mu.RUnlock()
	total := 0
	for _, item := range items {
		total += inv.count(item)
	}
	return total
}

// Move relabels n items: the total stays the same.
func (inv *inventory) Move(from, to string, n int) {
	inv.mu.Lock()
	defer inv.mu.Unlock()
	inv.stock[from] -= n
	inv.stock[to] += n
}
