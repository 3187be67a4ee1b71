// ocikit-runtime's front: the binary engines exec. It hands runc's
// pass-through commands (start, state, kill, delete, ...) straight to the
// delegate runtime and execs ocikit-runtime-gate, the C++ shim (main.cc,
// shim.h), for everything else. docs/runtime.md, "Start-up cost".
//
// Why a second binary, in C, linked statically against musl: an engine execs
// its runtime for every step (Podman: create, start, delete for one `podman
// run`), and only create, run and exec need the node policy. Any glibc
// program spends 0.6-0.9 ms before main() on virtual machines, probing the
// CPU's caches with cpuid, which traps to the hypervisor (perf: glibc's
// intel_check_word); this front starts in ~0.03 ms of CPU. It is hand-written
// because it must not link glibc, and it is small on purpose: it decides only
// the plain case and leaves every other one to the gate, which stays the one
// place that knows the policy, the errors and the log format.
//
// The gate runs when: the command is create, run or exec, or there is none;
// a shim flag is not --ocikit-policy/--ocikit-delegate/--ocikit-fail-open
// or lacks its value; the delegate comes from the policy file (the front
// does not read JSON: a policy file that mentions "delegate" or holds an
// escape goes to the gate); the delegate is not found, is not an absolute
// path or a name on PATH, or is this binary or the gate; exec fails.
// Flags are parsed as shim-inl.h's ParseShimArgs parses them; passthrough_test
// runs every runc command through both binaries.
//
// For create and run it first asks the gate service (service.h), when its
// socket is there, and runs the gate itself when the service cannot answer.
//
// Dependencies: musl libc (musl-tools), nothing else.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "service_protocol.h"

extern char** environ;

enum { kMaxArgs = 4096, kMaxPolicyBytes = 1 << 20 };

static const char kDefaultPolicy[] = "/etc/ocikit/runtime.json";
static const char kFallbackSearchPath[] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

// The shim's flags and the delegate's arguments (argv without the shim flags).
struct Args {
  const char* delegate;
  const char* policy;
  const char* socket;  // --ocikit-gate-socket
  const char* command;
  int gate;      // something only the gate may decide
  int bad_flag;  // a shim flag the gate must report on
  int argc;
  char* argv[kMaxArgs + 2];  // argv[0] is left for the delegate's path
};

// runc's global flags that take a value (shim-inl.h: GlobalFlagTakesValue).
static int TakesValue(const char* name, size_t len) {
  static const char* const kNames[] = {"root", "log", "log-format", "criu", "rootless"};
  for (size_t i = 0; i < sizeof kNames / sizeof kNames[0]; ++i) {
    if (strlen(kNames[i]) == len && memcmp(kNames[i], name, len) == 0) return 1;
  }
  return 0;
}

static int NameIs(const char* name, size_t len, const char* want) {
  return strlen(want) == len && memcmp(name, want, len) == 0;
}

// One flag at argv[*i]; advances *i past a separate value.
static void TakeFlag(struct Args* a, int argc, char** argv, int* i) {
  const char* arg = argv[*i];
  const char* name = arg + (arg[1] == '-' ? 2 : 1);
  const char* eq = strchr(name, '=');
  const size_t len = eq != NULL ? (size_t)(eq - name) : strlen(name);
  const char* value = eq != NULL ? eq + 1 : NULL;
  if (len >= 7 && memcmp(name, "ocikit-", 7) == 0) {
    if (NameIs(name, len, "ocikit-fail-open")) return;  // only the gate reads it
    if (value == NULL && *i + 1 < argc) value = argv[++*i];
    if (value == NULL || *value == '\0') a->gate = a->bad_flag = 1;
    else if (NameIs(name, len, "ocikit-delegate")) a->delegate = value;
    else if (NameIs(name, len, "ocikit-policy")) a->policy = value;
    else if (NameIs(name, len, "ocikit-gate-socket")) a->socket = value;
    else a->gate = a->bad_flag = 1;
    return;
  }
  a->argv[++a->argc] = argv[*i];
  if (TakesValue(name, len) && value == NULL && *i + 1 < argc) a->argv[++a->argc] = argv[++*i];
}

static void ParseArgs(struct Args* a, int argc, char** argv) {
  int i = 1;
  if (argc > kMaxArgs) {
    a->gate = a->bad_flag = 1;
    return;
  }
  for (; i < argc; ++i) {
    const char* arg = argv[i];
    if (strlen(arg) < 2 || arg[0] != '-' || strcmp(arg, "--") == 0) break;
    TakeFlag(a, argc, argv, &i);
  }
  a->command = i < argc ? argv[i] : NULL;
  for (; i < argc; ++i) a->argv[++a->argc] = argv[i];
  a->argv[a->argc + 1] = NULL;
  if (a->command == NULL || strcmp(a->command, "create") == 0 || strcmp(a->command, "run") == 0 ||
      strcmp(a->command, "exec") == 0) {
    a->gate = 1;
  }
}

// Whether the node policy file may name a delegate: it exists, is a regular
// file and holds "delegate" or a backslash (an escaped key).
static int PolicyMayNameDelegate(const char* path) {
  static char text[kMaxPolicyBytes + 1];
  struct stat st;
  ssize_t n;
  size_t got = 0;
  const int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return 0;  // the gate reads no delegate from it either
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    close(fd);
    return 0;
  }
  while (got < sizeof text && (n = read(fd, text + got, sizeof text - got)) != 0) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    got += (size_t)n;
  }
  close(fd);
  return got > kMaxPolicyBytes || memmem(text, got, "delegate", 8) != NULL || memchr(text, '\\', got) != NULL;
}

static int Runnable(const char* path, struct stat* st) {
  return stat(path, st) == 0 && S_ISREG(st->st_mode) && access(path, X_OK) == 0;
}

// Whether an absolute path is as executor::CleanPath would leave it (the gate
// passes the cleaned path as the delegate's argv[0]).
static int IsClean(const char* path) {
  const size_t len = strlen(path);
  return strstr(path, "//") == NULL && strstr(path, "/./") == NULL && strstr(path, "/../") == NULL &&
         (len < 2 || path[len - 1] != '/') && !(len >= 2 && strcmp(path + len - 2, "/.") == 0) &&
         !(len >= 3 && strcmp(path + len - 3, "/..") == 0);
}

// The delegate's absolute path in `out`, as executor::FindExecutable finds
// it; 0 when the gate must decide.
static int FindDelegate(const char* name, char out[PATH_MAX], struct stat* st) {
  const char* path = getenv("PATH");
  if (name[0] == '/') return IsClean(name) && strlen(name) < PATH_MAX && Runnable(strcpy(out, name), st);
  if (strchr(name, '/') != NULL) return 0;  // relative to the cwd: the gate cleans it
  if (path == NULL || *path == '\0') path = kFallbackSearchPath;
  while (*path != '\0') {
    const char* end = strchrnul(path, ':');
    size_t len = (size_t)(end - path);
    while (len > 1 && path[len - 1] == '/') --len;
    if (len > 0 && path[0] == '/' && len + 1 + strlen(name) < PATH_MAX) {
      memcpy(out, path, len);
      out[len] = '/';
      strcpy(out + len + 1, name);
      if (Runnable(out, st)) return IsClean(out);  // an unclean PATH entry: the gate cleans it
    }
    path = *end == ':' ? end + 1 : end;
  }
  return 0;
}

static int SameFile(const struct stat* a, const char* path) {
  struct stat b;
  return stat(path, &b) == 0 && a->st_dev == b.st_dev && a->st_ino == b.st_ino;
}

// This binary's path, from /proc/self/exe; 0 when it cannot be read.
static int Self(char self[PATH_MAX]) {
  const ssize_t n = readlink("/proc/self/exe", self, PATH_MAX - 1);
  if (n <= 0) return 0;
  self[n] = '\0';
  return 1;
}

// The gate: next to this binary (the build tree) or in ../libexec/ocikit
// (an installation: bin/ocikit-runtime, libexec/ocikit/ocikit-runtime-gate).
static int FindGate(const char* self, char gate[PATH_MAX]) {
  static const char* const kPlaces[] = {"/ocikit-runtime-gate", "/../libexec/ocikit/ocikit-runtime-gate"};
  struct stat st;
  const char* slash = strrchr(self, '/');
  if (slash == NULL) return 0;
  for (size_t i = 0; i < sizeof kPlaces / sizeof kPlaces[0]; ++i) {
    const int len = snprintf(gate, PATH_MAX, "%.*s%s", (int)(slash - self), self, kPlaces[i]);
    if (len > 0 && len < PATH_MAX && Runnable(gate, &st)) return 1;
  }
  return 0;
}

// Execs the gate with this process's arguments; it reports every error.
static int RunGate(char** argv) {
  char self[PATH_MAX];
  char gate[PATH_MAX];
  if (!Self(self) || !FindGate(self, gate)) {
    fprintf(stderr, "ocikit-runtime: ocikit-runtime-gate is neither next to this binary nor in ../libexec/ocikit\n");
    return 1;
  }
  setenv("OCIKIT_RUNTIME_FRONT", self, 1);  // the gate refuses it as a delegate
  execv(gate, argv);
  fprintf(stderr, "ocikit-runtime: cannot run %s: %s\n", gate, strerror(errno));
  return 1;
}

// The gate service's side of the conversation (service.h has the protocol).
enum { kHeader = OCIKIT_GATE_HEADER_SIZE };
static char message[kHeader + OCIKIT_GATE_MAX_MESSAGE];

// Appends `s` and its NUL to the request at *len; 0 when it does not fit.
static int Append(size_t* len, const char* s) {
  const size_t n = strlen(s) + 1;
  if (*len + n > sizeof message) return 0;
  memcpy(message + *len, s, n);
  *len += n;
  return 1;
}

// The request in `message`: header, argument count, arguments, environment.
// Its length, or 0 when it does not fit.
static size_t BuildRequest(int argc, char** argv, const char* self) {
  char count[16];
  size_t len = kHeader;
  int ok = 1;
  snprintf(count, sizeof count, "%d", argc - 1);
  ok = Append(&len, count);
  for (int i = 1; ok && i < argc; ++i) ok = Append(&len, argv[i]);
  for (char** e = environ; ok && *e != NULL; ++e) {
    if (strncmp(*e, "OCIKIT_RUNTIME_FRONT=", 21) != 0) ok = Append(&len, *e);
  }
  char front[PATH_MAX + 32];  // the gate refuses it as a delegate, as RunGate tells it
  ok = ok && snprintf(front, sizeof front, "OCIKIT_RUNTIME_FRONT=%s", self) < (int)sizeof front && Append(&len, front);
  if (!ok) return 0;
  const uint32_t payload = (uint32_t)(len - kHeader);
  memcpy(message, OCIKIT_GATE_REQUEST_MAGIC, 8);
  memcpy(message + 8, &payload, sizeof payload);
  return len;
}

// A connection to the service at `path`, run by this process's user, whose
// reads and writes time out; -1 when there is none.
static int Connect(const char* path) {
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  struct ucred cred;
  socklen_t cred_len = sizeof cred;
  const struct timeval timeout = {OCIKIT_GATE_TIMEOUT_MS / 1000, 0};
  if (strlen(path) >= sizeof addr.sun_path) return -1;
  strcpy(addr.sun_path, path);
  const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (connect(fd, (const struct sockaddr*)&addr, sizeof addr) != 0 ||
      getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &cred_len) != 0 || cred.uid != geteuid() ||
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout) != 0 ||
      setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Sends or reads exactly `len` bytes of `data`; 0 on an error, a timeout or
// the end of the stream.
static int Transfer(int fd, char* data, size_t len, int sending) {
  for (size_t done = 0; done < len;) {
    const ssize_t n = sending ? send(fd, data + done, len - done, MSG_NOSIGNAL) : read(fd, data + done, len - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return 0;
    done += (size_t)n;
  }
  return 1;
}

// Sends the request with this process's standard streams and directory.
static int SendRequest(int fd, size_t len) {
  int fds[4];
  for (int i = 0; i < 3; ++i) fds[i] = fcntl(i, F_GETFD) >= 0 ? i : open("/dev/null", O_RDWR | O_CLOEXEC);
  fds[3] = open(".", O_PATH | O_DIRECTORY | O_CLOEXEC);
  union {
    struct cmsghdr align;
    char buf[CMSG_SPACE(sizeof fds)];
  } control;
  struct iovec iov = {message, kHeader};  // the descriptors go with the header
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.buf, .msg_controllen = sizeof control.buf};
  struct cmsghdr* c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof fds);
  memcpy(CMSG_DATA(c), fds, sizeof fds);
  const int ok = fds[0] >= 0 && fds[1] >= 0 && fds[2] >= 0 && fds[3] >= 0 &&
                 sendmsg(fd, &msg, MSG_NOSIGNAL) == kHeader && Transfer(fd, message + kHeader, len - kHeader, 1);
  for (int i = 0; i < 4; ++i) {
    if (fds[i] > 2) close(fds[i]);
  }
  return ok;
}

// Reads the reply into `message`: its payload's length, or 0.
static size_t ReadReply(int fd) {
  uint32_t payload;
  if (!Transfer(fd, message, kHeader, 0) || memcmp(message, OCIKIT_GATE_REPLY_MAGIC, 8) != 0) return 0;
  memcpy(&payload, message + 8, sizeof payload);
  if (payload == 0 || payload > OCIKIT_GATE_MAX_MESSAGE || !Transfer(fd, message + kHeader, payload, 0)) return 0;
  return message[kHeader + payload - 1] == '\0' ? payload : 0;
}

// Asks the gate service at `path` to run this create or run: exits with its
// code or execs the delegate it names, or returns when it cannot be asked or
// does not answer (the caller then runs the gate itself).
static void AskService(const char* path, int argc, char** argv) {
  static char* delegate_argv[kMaxArgs + 2];
  char self[PATH_MAX];
  const size_t len = Self(self) ? BuildRequest(argc, argv, self) : 0;
  const int fd = len > 0 ? Connect(path) : -1;
  if (fd < 0) return;
  const size_t payload = SendRequest(fd, len) ? ReadReply(fd) : 0;
  close(fd);
  const char* s = message + kHeader;
  const char* end = s + payload;
  if (payload > 5 && strcmp(s, "exit") == 0) exit(atoi(s + 5));
  if (payload == 0 || strcmp(s, "exec") != 0) return;
  const char* delegate = s + 5;
  size_t n = 0;
  for (s = delegate + strlen(delegate) + 1; s < end && n < kMaxArgs + 1; s += strlen(s) + 1) delegate_argv[n++] = (char*)s;
  delegate_argv[n] = NULL;
  if (delegate + strlen(delegate) < end && n > 0) execv(delegate, delegate_argv);
}

int main(int argc, char** argv) {
  static struct Args a;
  char path[PATH_MAX];
  char self[PATH_MAX];
  char gate[PATH_MAX];
  struct stat st;
  const char* env_delegate = getenv("OCIKIT_RUNTIME_DELEGATE");
  const char* env_policy = getenv("OCIKIT_RUNTIME_POLICY");
  ParseArgs(&a, argc, argv);
  if (a.gate && !a.bad_flag && a.command != NULL && (strcmp(a.command, "create") == 0 || strcmp(a.command, "run") == 0)) {
    const char* env_socket = getenv("OCIKIT_RUNTIME_GATE_SOCKET");
    AskService(a.socket != NULL                              ? a.socket
               : env_socket != NULL && *env_socket != '\0' ? env_socket
                                                            : OCIKIT_GATE_SOCKET_DEFAULT,
               argc, argv);
  }
  if (a.gate) return RunGate(argv);
  if (a.delegate == NULL && env_delegate != NULL && *env_delegate != '\0') a.delegate = env_delegate;
  if (a.policy == NULL) a.policy = env_policy != NULL && *env_policy != '\0' ? env_policy : kDefaultPolicy;
  if (a.delegate == NULL && PolicyMayNameDelegate(a.policy)) return RunGate(argv);
  if (!FindDelegate(a.delegate != NULL ? a.delegate : "runc", path, &st)) return RunGate(argv);
  if (!Self(self) || SameFile(&st, self) || (FindGate(self, gate) && SameFile(&st, gate))) return RunGate(argv);
  a.argv[0] = path;
  execv(path, a.argv);
  return RunGate(argv);
}
