//go:build ignore

package main

import (
	"sync"
	"time"
)

// decodeTime is how long one read spends inside the lock. Leave it as it is.
const decodeTime = 500 * time.Microsecond

// priceCache is read by many goroutines all the time, and written rarely.
// Readers share a read lock; a writer takes the lock alone.
type priceCache struct {
	mu     sync.RWMutex
	prices map[string]int
}

func newPriceCache() *priceCache {
	return &priceCache{prices: map[string]int{"apple": 3, "pear": 4, "plum": 5, "fig": 6}}
}

// Price is called all the time, by many goroutines at once: they may all be inside together.
func (c *priceCache) Price(item string) (int, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	price, ok := c.prices[item]
	time.Sleep(decodeTime) // a slow read, now done by many readers at once
	return price, ok
}

// SetPrice is called rarely. It still needs the lock to itself.
func (c *priceCache) SetPrice(item string, price int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.prices[item] = price
}
