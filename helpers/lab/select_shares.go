// Used by notebook 07 (07_select_context.ipynb).

package lab

import "github.com/go-concurrency-lab/course/helpers/stats"

// CaseShares tallies which case of a select won: for each name in cases, in
// order, the share of won that equals it. Names in won that are not in cases
// count in every share's Total but in no Hits.
func CaseShares(won []string, cases []string) []stats.Share {
	shares := make([]stats.Share, len(cases))
	for i, c := range cases {
		shares[i].Total = len(won)
		for _, w := range won {
			if w == c {
				shares[i].Hits++
			}
		}
	}
	return shares
}
