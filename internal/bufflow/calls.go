package bufflow

import (
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"
)

// receiverStays reports whether a method called on the buffer keeps it
// where it was: the standard library's types do not hide themselves in
// globals; the package's own methods are followed.
func (w *walk) receiverStays(call *ast.CallExpr, sel *types.Selection) bool {
	fn, ok := sel.Obj().(*types.Func)
	if !ok || fn.Pkg() == nil {
		return true
	}
	if isStd(fn.Pkg().Path()) {
		return true
	}
	if types.IsInterface(sel.Recv()) {
		return true // dynamic: we cannot follow it, and std interfaces dominate
	}
	escapes, _ := w.callee(fn, -1)
	if escapes {
		w.escape(call, "kept by "+fn.Name())
		return false
	}
	return true
}

// callCarries handles a call taking an alias as argument arg. It records an
// escape when the callee may keep the argument, and reports whether the
// call's result shares the argument's memory.
func (w *walk) callCarries(call *ast.CallExpr, arg ast.Node, outer []ast.Node) bool {
	info := w.t.pass.TypesInfo
	if w.t.Sink != nil && w.t.Sink(call) {
		return false
	}
	if len(outer) > 0 {
		switch outer[len(outer)-1].(type) {
		case *ast.GoStmt:
			w.escape(call, "passed to a goroutine")
			return false
		case *ast.DeferStmt:
			w.escape(call, "passed to a deferred call")
			return false
		}
	}
	if tv, ok := info.Types[call.Fun]; ok && tv.IsType() {
		if types.IsInterface(tv.Type) {
			w.flow.Dynamic = true
		}
		return holdsRef(tv.Type) // string(b) copies; T(b) and any(b) do not
	}
	if id, ok := ast.Unparen(call.Fun).(*ast.Ident); ok {
		if b, ok := info.Uses[id].(*types.Builtin); ok {
			switch b.Name() {
			case "append":
				if len(call.Args) > 0 && call.Args[0] == arg {
					return true
				}
				elem := w.typeOf(call)
				if s, ok := elem.Underlying().(*types.Slice); ok {
					return holdsRef(s.Elem())
				}
				return true
			case "panic":
				w.escape(call, "passed to panic")
			}
			return false
		}
	}
	callee := typeutil.Callee(info, call)
	if b, ok := callee.(*types.Builtin); ok && b.Pkg() == types.Unsafe {
		// unsafe's functions are builtins, not *types.Func: unsafe.Slice,
		// unsafe.String and the rest may alias anything.
		w.escape(call, "passed to unsafe."+b.Name())
		return false
	}
	fn, _ := callee.(*types.Func)
	if fn == nil {
		w.flow.Dynamic = true
		w.escape(call, "passed to a function value, which may keep it")
		return false
	}
	name := fn.Name()
	if fn.Pkg() != nil && copies[fn.Pkg().Path()+"."+name] {
		return false // a fresh copy: bytes.Clone(b) shares nothing with b
	}
	sig := fn.Signature()
	results := resultsMayHold(sig.Results(), w.typeOf(arg.(ast.Expr)))
	if recv := sig.Recv(); recv != nil && types.IsInterface(recv.Type()) || fn.Pkg() != nil && dynamicPkgs[fn.Pkg().Path()] {
		w.flow.Dynamic = true
	}
	if recv := sig.Recv(); recv != nil {
		if ioMethods[name] {
			return results // io contract: Write and Read must not keep the slice
		}
		if fn.Pkg() != nil && trustedPkgs[fn.Pkg().Path()] && !types.IsInterface(recv.Type()) && !keepsArg[name] {
			return results
		}
	} else if fn.Pkg() != nil && trustedPkgs[fn.Pkg().Path()] {
		return results
	}
	if fn.Pkg() == w.t.pass.Pkg && !types.IsInterface(recvType(sig)) {
		index := argIndex(call, arg, sig)
		if index >= 0 {
			escapes, returned := w.callee(fn, index)
			if escapes {
				w.escape(call, "passed to "+name+", which keeps it")
				return false
			}
			return returned
		}
	}
	w.escape(call, "passed to "+qualified(fn)+", which may keep it")
	return false
}

func recvType(sig *types.Signature) types.Type {
	if sig.Recv() == nil {
		return types.Typ[types.Invalid]
	}
	return sig.Recv().Type()
}

func qualified(fn *types.Func) string {
	if fn.Pkg() == nil {
		return fn.Name()
	}
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			return n.Obj().Name() + "." + fn.Name()
		}
		return fn.Name()
	}
	return fn.Pkg().Name() + "." + fn.Name()
}

// argIndex returns the parameter that arg is passed to, or -1.
func argIndex(call *ast.CallExpr, arg ast.Node, sig *types.Signature) int {
	for i, a := range call.Args {
		if a != arg {
			continue
		}
		if sig.Variadic() && i >= sig.Params().Len()-1 {
			if call.Ellipsis.IsValid() {
				return sig.Params().Len() - 1
			}
			return -1 // packed into a new slice: follow no further
		}
		return i
	}
	return -1
}

// callee follows a parameter (index -1: the receiver) of one of the
// package's functions through its body.
func (w *walk) callee(fn *types.Func, index int) (escapes, returned bool) {
	key := calleeParam{fn, index}
	if v, ok := w.t.callees[key]; ok {
		if !v.done {
			return false, true // recursion: assume the worst that is not an escape
		}
		w.flow.Dynamic = w.flow.Dynamic || v.dynamic
		return v.escapes, v.returned
	}
	decl := w.t.Decl(fn)
	if decl == nil || decl.Body == nil || w.depth >= maxDepth {
		return true, false
	}
	var param *types.Var
	if index < 0 {
		if decl.Recv == nil || len(decl.Recv.List) == 0 || len(decl.Recv.List[0].Names) == 0 {
			return false, false // unnamed receiver: the body cannot use it
		}
		param, _ = w.t.pass.TypesInfo.Defs[decl.Recv.List[0].Names[0]].(*types.Var)
	} else if index < fn.Signature().Params().Len() {
		param = fn.Signature().Params().At(index)
	}
	if param == nil {
		return true, false
	}
	w.t.callees[key] = calleeVerdict{}
	flow := w.t.trace(decl, param, true, w.depth+1)
	v := calleeVerdict{done: true, escapes: flow.Escape != nil, returned: flow.Returned, dynamic: flow.Dynamic}
	w.t.callees[key] = v
	w.flow.Dynamic = w.flow.Dynamic || v.dynamic
	return v.escapes, v.returned
}

// Decl returns the declaration of the package's function fn (of a
// generic function, its origin's), or nil: built once per Tracer.
func (t *Tracer) Decl(fn *types.Func) *ast.FuncDecl {
	if t.decls == nil {
		t.decls = make(map[*types.Func]*ast.FuncDecl)
		for _, f := range t.pass.Files {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					if obj, ok := t.pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
						t.decls[obj] = fd
					}
				}
			}
		}
	}
	return t.decls[fn.Origin()]
}

// resultsMayHold reports whether a trusted function's results may share
// the memory of an argument of type arg: a slice result only when the
// argument is a slice too (bytes.TrimSpace, strconv.AppendInt, Sum(b));
// io.ReadAll(r) and os.ReadFile return fresh slices. Pointer, interface
// and struct results may wrap the argument (bufio.NewWriter(w),
// io.LimitReader(r, n)).
func resultsMayHold(results *types.Tuple, arg types.Type) bool {
	_, argSlice := types.Unalias(arg).Underlying().(*types.Slice)
	for v := range results.Variables() {
		if _, ok := v.Type().Underlying().(*types.Slice); ok {
			if argSlice {
				return true
			}
			continue
		}
		if holdsRef(v.Type()) {
			return true
		}
	}
	return false
}

// ioMethods are the methods whose contract (io.Writer, io.Reader and
// friends, hash.Hash, net.PacketConn and the packet reads of net's
// connections) forbids keeping the slice they are given.
var ioMethods = map[string]bool{
	"Write": true, "WriteString": true, "WriteByte": true, "WriteRune": true,
	"Read": true, "ReadAt": true, "WriteAt": true, "ReadFull": true,
	"ReadFrom": true, "WriteTo": true, "ReadFromUDP": true, "ReadFromUDPAddrPort": true, "ReadMsgUDP": true,
}

// keepsArg are methods of trusted packages' types that keep an argument in
// their receiver (bytes.Reader.Reset(b) reads b later).
var keepsArg = map[string]bool{"Reset": true, "Init": true, "Set": true, "Store": true, "Swap": true,
	"Push": true, "PushBack": true, "PushFront": true, "InsertBefore": true, "InsertAfter": true, "Add": true}

// trustedPkgs do not keep the slices they are passed beyond the call,
// except in what they return.
var trustedPkgs = map[string]bool{
	"bytes": true, "strings": true, "strconv": true, "unicode": true, "unicode/utf8": true,
	"unicode/utf16": true, "encoding/binary": true, "encoding/hex": true, "encoding/base64": true,
	"encoding/base32": true, "encoding/json": true, "encoding/xml": true, "encoding/csv": true,
	"hash/crc32": true, "hash/crc64": true, "hash/adler32": true, "hash/fnv": true, "hash/maphash": true,
	"crypto/sha256": true, "crypto/sha1": true, "crypto/sha512": true, "crypto/md5": true,
	"crypto/subtle": true, "crypto/hmac": true, "io": true, "fmt": true, "math/bits": true,
	"slices": true, "sort": true, "bufio": true, "os": true, "compress/gzip": true,
	"compress/flate": true, "compress/zlib": true, "text/template": true, "html/template": true,
	"log": true, "log/slog": true, "errors": true, "path": true, "path/filepath": true,
}

// dynamicPkgs take their arguments through interfaces (io.Writer, any), so
// the compiler cannot keep what they are passed on the stack.
var dynamicPkgs = map[string]bool{
	"io": true, "fmt": true, "bufio": true, "os": true, "encoding/json": true, "encoding/xml": true,
	"encoding/csv": true, "compress/gzip": true, "compress/flate": true, "compress/zlib": true,
	"text/template": true, "html/template": true, "log": true, "log/slog": true, "encoding/binary": true,
}

func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// copies lists functions whose result is a fresh copy of their argument.
var copies = map[string]bool{
	"bytes.Clone": true, "slices.Clone": true, "maps.Clone": true, "strings.Clone": true,
	"bytes.ToLower": true, "bytes.ToUpper": true, "bytes.Repeat": true, "bytes.Join": true,
}
