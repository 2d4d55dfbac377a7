package main

import (
	"strings"
	"testing"
)

func TestCheckAddr(t *testing.T) {
	for _, c := range []struct {
		addr     string
		explicit bool
		local    bool
		err      string
	}{
		{addr: defaultAddr, local: true},
		{addr: "localhost:8080", explicit: true, local: true},
		{addr: "[::1]:1313", explicit: true, local: true},
		{addr: "127.0.0.2:1313", explicit: true, local: true},
		{addr: ":1313", explicit: true, err: "would listen on every network interface"},
		{addr: "0.0.0.0:1313", explicit: true},
		{addr: "192.168.1.5:1313", explicit: true},
		{addr: "192.168.1.5:1313", err: "is not this machine"},
		{addr: "1313", explicit: true, err: "want host:port"},
	} {
		local, err := checkAddr(c.addr, c.explicit)
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("checkAddr(%q, %v): error %v, want %q", c.addr, c.explicit, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("checkAddr(%q, %v): %v", c.addr, c.explicit, err)
		case c.err == "" && local != c.local:
			t.Errorf("checkAddr(%q, %v): local %v, want %v", c.addr, c.explicit, local, c.local)
		}
	}
}

func TestParseMixed(t *testing.T) {
	for _, c := range []struct {
		args      []string
		pos, flag string
	}{
		{[]string{"2023/03", "--number", "乌政发〔2023〕12号"}, "2023/03", "乌政发〔2023〕12号"},
		{[]string{"-number", "n", "2023/03"}, "2023/03", "n"},
		{[]string{"2023", "-number", "n", "3"}, "2023 3", "n"},
		{[]string{"-number", "n", "--", "-x", "y"}, "-x y", "n"},
		{[]string{"a", "--", "-number"}, "a -number", ""},
	} {
		fl := newFlagSet("t", nil)
		n := fl.String("number", "", "")
		pos, ok := parseMixed(fl, c.args)
		if !ok || strings.Join(pos, " ") != c.pos || *n != c.flag {
			t.Errorf("parseMixed(%q) = %q, %v, number %q; want %q, number %q", c.args, pos, ok, *n, c.pos, c.flag)
		}
	}
}
