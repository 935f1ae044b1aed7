//go:build ignore

package main

// RLock for the writer too: it shares the lock with the readers.
func (c *priceCache) SetPrice(item string, price int) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	c.prices[item] = price
}
