//go:build ignore

package main

// A Bank holds the balances of its accounts. One mutex guards all of them:
// a transfer reads and writes two balances, and Total reads all of them, so
// each must see the balances as no other goroutine is halfway through changing them.
type Bank struct {
	mu       sync.Mutex
	balances []int
}

func NewBank(accounts, balance int) *Bank {
	b := &Bank{balances: make([]int, accounts)}
	for i := range b.balances {
		b.balances[i] = balance
	}
	return b
}

// Transfer moves amount from one account to another, if the money is there.
// The check and the two updates form one critical section: checking the balance
// and then locking only for the updates would let two transfers spend the same money.
func (b *Bank) Transfer(from, to, amount int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.balances[from] < amount {
		return false
	}
	b.balances[from] -= amount
	b.balances[to] += amount
	return true
}

// Total is all the money in the bank.
func (b *Bank) Total() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	total := 0
	for _, balance := range b.balances {
		total += balance
	}
	return total
}
