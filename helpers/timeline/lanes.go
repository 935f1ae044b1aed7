package timeline

import (
	"slices"
	"strings"
)

// Lanes returns the distinct lanes of spans, one row of a timeline chart each, in natural
// order: text in byte order, runs of digits by their numeric value, so "P2" comes before
// "P10" and "order 9" before "order 10". Lanes that differ only in leading zeros ("P01",
// "P1") are both listed, in byte order. Lanes of an empty or nil slice is empty.
func Lanes(spans []Span) []string {
	seen := make(map[string]bool)
	lanes := []string{}
	for _, s := range spans {
		if !seen[s.Lane] {
			seen[s.Lane] = true
			lanes = append(lanes, s.Lane)
		}
	}
	slices.SortFunc(lanes, compareNatural)
	return lanes
}

// compareNatural compares a and b chunk by chunk, where a chunk is a run of ASCII digits
// or a run of anything else: two digit chunks compare by numeric value, other chunks by
// bytes. Strings equal in this order (such as "a01" and "a1") compare by bytes, so the
// order is total.
func compareNatural(a, b string) int {
	x, y := a, b
	for x != "" && y != "" {
		cx, restx := chunk(x)
		cy, resty := chunk(y)
		var c int
		if isDigit(cx[0]) && isDigit(cy[0]) {
			c = compareDigits(cx, cy)
		} else {
			c = strings.Compare(cx, cy)
		}
		if c != 0 {
			return c
		}
		x, y = restx, resty
	}
	switch {
	case x == "" && y != "":
		return -1
	case x != "" && y == "":
		return 1
	}
	return strings.Compare(a, b)
}

// chunk splits s (not empty) into its leading run of digits or non-digits and the rest.
func chunk(s string) (head, rest string) {
	digit := isDigit(s[0])
	i := 1
	for i < len(s) && isDigit(s[i]) == digit {
		i++
	}
	return s[:i], s[i:]
}

// compareDigits compares two runs of decimal digits of any length by numeric value.
func compareDigits(a, b string) int {
	a = strings.TrimLeft(a, "0")
	b = strings.TrimLeft(b, "0")
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
