// Rule 4, a pooled strings.Builder.
package pooluse

import (
	"strings"
	"sync"
)

var builderPool = sync.Pool{New: func() any { return new(strings.Builder) }}

// Must flag: strings.Builder.
func build(parts []string) string {
	sb := builderPool.Get().(*strings.Builder)
	sb.Reset()
	for _, p := range parts {
		sb.WriteString(p)
	}
	s := sb.String()
	builderPool.Put(sb) // want `pooling a strings.Builder saves nothing: its Reset drops the buffer, so the next user of builderPool allocates again`
	return s
}
