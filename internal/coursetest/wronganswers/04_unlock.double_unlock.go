//go:build ignore

package main

// defer added, the old Unlock calls kept: the paths that had one now unlock twice.
func (r *Registry) Register(name string) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if name == "" {
		r.mu.Unlock()
		return 0, errors.New("empty name")
	}
	if id, taken := r.ids[name]; taken {
		return id, fmt.Errorf("%q is taken", name)
	}
	id := len(r.ids) + 1
	r.ids[name] = id
	r.mu.Unlock()
	return id, nil
}
