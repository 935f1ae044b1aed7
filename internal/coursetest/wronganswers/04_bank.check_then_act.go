//go:build ignore

package main

// The lock covers the updates; the check that decides them stays outside.
func (b *Bank) Transfer(from, to, amount int) bool {
	if b.balances[from] < amount {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.balances[from] -= amount
	b.balances[to] += amount
	return true
}
