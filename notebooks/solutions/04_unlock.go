//go:build ignore

package main

// A Registry hands out one id per user name.
type Registry struct {
	mu  sync.Mutex
	ids map[string]int
}

func NewRegistry() *Registry { return &Registry{ids: map[string]int{}} }

// Register signs up name and returns its id. The deferred Unlock runs on every
// way out: both errors, the success, and a panic.
func (r *Registry) Register(name string) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if name == "" {
		return 0, errors.New("empty name")
	}
	if id, taken := r.ids[name]; taken {
		return id, fmt.Errorf("%q is taken", name)
	}
	id := len(r.ids) + 1
	r.ids[name] = id
	return id, nil
}

// Users is the number of names signed up.
func (r *Registry) Users() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.ids)
}
