package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"gazette/generator/build"
	"gazette/generator/serve"
)

// defaultAddr is where serve listens unless told otherwise: this machine only.
const defaultAddr = "127.0.0.1:1313"

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("serve", stderr)
	var in inputFlags
	in.register(fl)
	addr := fl.String("addr", defaultAddr, "`host:port` to listen on; a host other than this machine must be named explicitly")
	// Unlike build, serve shows edits to the layouts and static files of the folder it
	// runs in, when there are any, rather than the copies built into the binary.
	fl.Lookup("layouts").Usage = "layouts `folder` (default: ./layouts when it exists, else the built-in layouts)"
	fl.Lookup("static").Usage = "static files `folder` (default: ./static when it exists, else the built-in ones)"
	if !parse(fl, args, stderr) {
		return 2
	}
	set := map[string]bool{}
	fl.Visit(func(f *flag.Flag) { set[f.Name] = true })
	for _, name := range []string{"layouts", "static"} {
		f := fl.Lookup(name)
		if !set[name] && isDir(name) {
			f.Value.Set(name)
		}
	}
	local, err := checkAddr(*addr, set["addr"])
	if err != nil {
		fmt.Fprintf(stderr, "gazette: %v\n", err)
		return 2
	}
	inputs, err := in.inputs()
	if err != nil {
		fmt.Fprintf(stderr, "gazette: %v\n", err)
		return 2
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "gazette: %v\n", err)
		return 1
	}
	return runServe(ln, inputs, in, local, stdout, stderr)
}

func runServe(ln net.Listener, inputs build.Inputs, in inputFlags, local bool, stdout, stderr io.Writer) int {
	s := serve.New(serve.Options{
		Inputs: inputs, ContentDir: in.src, LayoutsDir: in.layouts, StaticDir: in.static,
		Log: stderr, LocalOnly: local,
	})
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(stdout, "gazette: serving %s on http://%s/ (Ctrl+C to stop)\n", in.src, displayAddr(ln.Addr()))
	if !local {
		fmt.Fprintf(stderr, "gazette: listening beyond this machine: anyone who can reach %s can read the preview\n", ln.Addr())
	}
	runErr := make(chan error, 1)
	go func() { runErr <- s.Run(ctx) }()
	status := 0
	select {
	case err := <-runErr:
		if err != nil {
			fmt.Fprintf(stderr, "gazette: %v\n", err)
			status = 1
		}
	case err := <-served:
		fmt.Fprintf(stderr, "gazette: %v\n", err)
		status = 1
	}
	stop()
	s.Close()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(shutdown)
	return status
}

// checkAddr refuses to listen beyond this machine unless the user named such a host
// explicitly: -addr :1313 (every interface) is refused, -addr 0.0.0.0:1313 or
// -addr 192.168.1.5:1313 is allowed. It reports whether the address is local, in which
// case the server also refuses requests naming another host (DNS rebinding).
func checkAddr(addr string, explicit bool) (local bool, err error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("-addr %s: %v (want host:port, e.g. %s)", addr, err, defaultAddr)
	}
	if host == "" {
		return false, fmt.Errorf("-addr %s would listen on every network interface; name the host: -addr 127.0.0.1%s for this machine, or e.g. -addr 0.0.0.0%s to share the preview", addr, addr, addr)
	}
	if loopback(host) {
		return true, nil
	}
	if !explicit {
		return false, fmt.Errorf("%s is not this machine; pass it with -addr to listen there", host)
	}
	return false, nil
}

// loopback reports whether host names this machine only.
func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// displayAddr is the listening address as a URL host; a wildcard address is shown as
// 127.0.0.1, which works from this machine.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	if tcp.IP.IsUnspecified() {
		return fmt.Sprintf("127.0.0.1:%d", tcp.Port)
	}
	return tcp.String()
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
