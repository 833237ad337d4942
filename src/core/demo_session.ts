/** The embedded sample Claude Code session that `git atrace demo` replays. */

/** The file a person committed before the agent started. */
export const DEMO_BEFORE: Record<string, string> = {
  "src/auth.py": [
    "import hashlib",
    "import hmac",
    "",
    "from .users import find_user",
    "",
    "",
    "def hash_password(password: str, salt: bytes) -> bytes:",
    "    return hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)",
    "",
    "",
    "def login(username: str, password: str) -> bool:",
    "    user = find_user(username)",
    "    if user is None:",
    "        return False",
    "    return hmac.compare_digest(user.password_hash, hash_password(password, user.salt))",
    "",
  ].join("\n"),
  "src/users.py": "def find_user(username):\n    return None\n",
};

const LIMITER = [
  "import time",
  "from collections import defaultdict, deque",
  "",
  "",
  "class SlidingWindowLimiter:",
  '    """Allow at most `limit` events per key within `window` seconds."""',
  "",
  "    def __init__(self, limit: int, window: float) -> None:",
  "        self.limit = limit",
  "        self.window = window",
  "        self._events: dict[str, deque[float]] = defaultdict(deque)",
  "",
  "    def allow(self, key: str) -> bool:",
  "        now = time.monotonic()",
  "        events = self._events[key]",
  "        while events and now - events[0] > self.window:",
  "            events.popleft()",
  "        if len(events) >= self.limit:",
  "            return False",
  "        events.append(now)",
  "        return True",
  "",
].join("\n");

/** One step of the replay. */
export type DemoStep =
  | { kind: "prompt"; text: string }
  | { kind: "say"; text: string }
  | { kind: "write"; path: string; content: string }
  | { kind: "edit"; path: string; oldString: string; newString: string }
  | { kind: "commit"; message: string }
  | { kind: "stop"; text: string };

/** The agent's side of the session, in order. */
export const DEMO_STEPS: DemoStep[] = [
  {
    kind: "prompt",
    text: "Add rate limiting to login: at most 5 attempts per minute per user. Commit it.",
  },
  {
    kind: "say",
    text:
      "I'll add a small sliding-window limiter in `src/ratelimit.py` and check it at the top of `login()`.",
  },
  { kind: "write", path: "src/ratelimit.py", content: LIMITER },
  {
    kind: "edit",
    path: "src/auth.py",
    oldString: "from .users import find_user\n",
    newString:
      "from .ratelimit import SlidingWindowLimiter\nfrom .users import find_user\n\nlimiter = SlidingWindowLimiter(limit=5, window=60.0)\n",
  },
  {
    kind: "edit",
    path: "src/auth.py",
    oldString: "    user = find_user(username)\n",
    newString:
      "    if not limiter.allow(username):\n        return False\n    user = find_user(username)\n",
  },
  { kind: "say", text: "The limiter is wired in. Committing." },
  { kind: "commit", message: "Limit login attempts to 5 per minute per user" },
  {
    kind: "stop",
    text:
      "Done: `login()` now rejects a sixth attempt within a minute (`src/ratelimit.py`), and the change is committed.",
  },
];
