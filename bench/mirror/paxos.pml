/* Copied unchanged (below this comment) from the SPIN side of the comparison in issue 21 (peers/spin/paxos.pml); bench/spin.ts builds and runs it. */
/*
 * Single-decree Paxos in Promela, written to have the same state space as
 * Lamport's Paxos.tla (tlaplus/Examples, specifications/Paxos/Paxos.tla)
 * with Acceptor = {a1,a2,a3}, Value = {v1,v2},
 * Quorum = {{a1,a2},{a1,a3},{a2,a3}}, Ballot = 0..NB-1, no symmetry.
 *
 * One TLC state  <->  one SPIN state:
 *   - the only process sits at the head of its do-loop in every stored state,
 *   - each TLA+ (action, binding) is one do-option whose body is a d_step,
 *     so no intermediate states are stored,
 *   - the variables below are a bijective encoding of
 *     <<maxBal, maxVBal, maxVal, msgs>>.
 *
 * msgs is a set that only grows (message loss, duplication and reordering
 * are implicit, as in the TLA+ spec); it is a bit vector over all messages
 * that can ever be sent:
 *   m1a      bit b                  : [type |-> "1a", bal |-> b]
 *   m1b[a]   bit b*b                : [type |-> "1b", acc |-> a, bal |-> b, mbal |-> -1, mval |-> None]
 *            bit b*b + 1 + 2*mb + v : [type |-> "1b", acc |-> a, bal |-> b, mbal |-> mb, mval |-> v]  (mb < b)
 *   m2a      bit 2*b + v            : [type |-> "2a", bal |-> b, val |-> v]
 *   m2b[a]   bit 2*b + v            : [type |-> "2b", acc |-> a, bal |-> b, val |-> v]
 * (a 1b message for ballot b always has mbal < b, so the b*b-based layout
 *  gives ballot b the 2b+1 bits [b*b, b*b+2b].)
 *
 * Acceptor variables are stored with an offset so that -1 and None fit in a byte:
 *   maxBal1[a]  = maxBal[a]  + 1     (0 <-> -1)
 *   maxVBal1[a] = maxVBal[a] + 1     (0 <-> -1)
 *   maxVal1[a]  = 0 for None, v + 1 for value v
 *
 * Invariant (agreement): no two different values are chosen, where
 * chosen(b,v) == some majority {a1,a2},{a1,a3},{a2,a3} sent 2b(a,b,v).
 * It only depends on m2b, which only Phase2b changes, so it is asserted at
 * the end of every Phase2b step (this checks it in every reachable state).
 *
 * Build-time switches (spin -D...):
 *   -DNB=k                  number of ballots (2..4)
 *   -DBUG_NO_MAXBAL_CHECK   broken: Phase2b accepts a 2a without m.bal >= maxBal[a]
 *   -DBUG_IGNORE_1B_VALUES  broken: Phase2a ignores the votes reported in 1b messages
 *   -DTRACE                 printf the TLA+ action taken in each step (for readable
 *                           counterexamples with spin -t -p; same states and transitions)
 *   -DTLC_WITNESS_COUNT     accounting only (same states, more transitions): split
 *                           Phase2a(b,v) into one option per TLC existential witness
 *                           (quorum Q, and the 1b message m of \E m \in Q1bv), so that
 *                           SPIN's "transitions" equals TLC's "states generated".
 *                           TLC counts a successor per witness; the default model
 *                           counts one transition per enabled (action, parameters).
 */
#ifndef NB
#define NB 2
#endif
#if NB < 1 || NB > 4
#error "this model is written for 1 <= NB <= 4 (bit layouts and the M-expansion below)"
#endif
#define NA 3

byte maxBal1[NA];
byte maxVBal1[NA];
byte maxVal1[NA];
int  m1a;
int  m1b[NA];
int  m2a;
int  m2b[NA];

/* the 2b+1 bits of acceptor a's 1b messages for ballot b, shifted to bit 0 */
#define SEG(a,b)   ((m1b[a] >> ((b)*(b))) & ((1 << (2*(b)+1)) - 1))
/* S (a union of SEGs) holds, at its highest vote ballot M, a vote for v:
 * bit 1+2M+v set and no bit above 2M+2 set.  Bits for M >= b are always 0. */
#define VM(S,v,M)  ((((S) >> (1+2*(M)+(v))) & 1) && (((S) >> (2*(M)+3)) == 0))
#define SAFE(S,v)  ((((S) >> 1) == 0) || VM(S,v,0) || VM(S,v,1) || VM(S,v,2))
#ifdef BUG_IGNORE_1B_VALUES
#define QOK(i,j,b,v) (SEG(i,b) != 0 && SEG(j,b) != 0)
#else
#define QOK(i,j,b,v) (SEG(i,b) != 0 && SEG(j,b) != 0 && SAFE(SEG(i,b) | SEG(j,b), v))
#endif

#define CHOSEN  ((m2b[0] & m2b[1]) | (m2b[0] & m2b[2]) | (m2b[1] & m2b[2]))
#define AGREE   (!((CHOSEN & 85) != 0 && (CHOSEN & 170) != 0))   /* 85 = 0x55: v1 bits, 170 = 0xAA: v2 bits */

#ifdef BUG_NO_MAXBAL_CHECK
#define P2B_BALCHECK(a,b) 1
#else
#define P2B_BALCHECK(a,b) ((b) + 1 >= maxBal1[a])
#endif

#ifdef TRACE
#define T1A(b)     ; printf("ACTION Phase1a(b=%d)\n", b)
#define T1B(a,b)   ; printf("ACTION Phase1b(a%d) on 1a(b=%d): sends 1b(a%d, b=%d, mbal=%d, mval=%d)  [mval 0=None]\n", (a)+1, b, (a)+1, b, maxVBal1[a] - 1, maxVal1[a])
#define T2A(b,v)   ; printf("ACTION Phase2a(b=%d, v=v%d)\n", b, (v)+1)
#define T2B(a,b,v) ; printf("ACTION Phase2b(a%d) on 2a(b=%d, v=v%d)\n", (a)+1, b, (v)+1)
#else
#define T1A(b)
#define T1B(a,b)
#define T2A(b,v)
#define T2B(a,b,v)
#endif

/* Phase1a(b): Send([type |-> "1a", bal |-> b]) (a stutter step if already sent, as in TLA+) */
#define P1A(b) :: d_step { m1a = m1a | (1 << (b)) T1A(b) }

/* Phase1b(a) with m = [type |-> "1a", bal |-> b] */
#define P1B(a,b) :: d_step { ((m1a >> (b)) & 1) && (b) + 1 > maxBal1[a] -> \
        m1b[a] = m1b[a] | (1 << ((b)*(b) + (maxVBal1[a] == 0 -> 0 : 2*maxVBal1[a] + maxVal1[a] - 2))); \
        maxBal1[a] = (b) + 1 T1B(a,b) }

/* Phase2a(b, v) */
#ifdef TLC_WITNESS_COUNT
#define HAS2(i,j,b)   (SEG(i,b) != 0 && SEG(j,b) != 0)
#define SQ(i,j,b)     (SEG(i,b) | SEG(j,b))
#define WM(w,S,v,M)   ((((w) >> (1+2*(M)+(v))) & 1) && (((S) >> (2*(M)+3)) == 0))
#define WIT(w,S,v)    (WM(w,S,v,0) || WM(w,S,v,1) || WM(w,S,v,2))
#define NO2A(b)       (((m2a >> (2*(b))) & 3) == 0)
#define SEND2A(b,v)   m2a = m2a | (1 << (2*(b) + (v))) T2A(b,v)
#define P2AE(b,v,i,j)   :: d_step { NO2A(b) && HAS2(i,j,b) && (SQ(i,j,b) >> 1) == 0 -> SEND2A(b,v) }
#define P2AW(b,v,i,j,w) :: d_step { NO2A(b) && HAS2(i,j,b) && WIT(SEG(w,b), SQ(i,j,b), v) -> SEND2A(b,v) }
#define P2AQ(b,v,i,j)   P2AE(b,v,i,j) P2AW(b,v,i,j,i) P2AW(b,v,i,j,j)
#define P2A(b,v)        P2AQ(b,v,0,1) P2AQ(b,v,0,2) P2AQ(b,v,1,2)
#else
#define P2A(b,v) :: d_step { ((m2a >> (2*(b))) & 3) == 0 && \
        (QOK(0,1,b,v) || QOK(0,2,b,v) || QOK(1,2,b,v)) -> \
        m2a = m2a | (1 << (2*(b) + (v))) T2A(b,v) }
#endif

/* Phase2b(a) with m = [type |-> "2a", bal |-> b, val |-> v] */
#define P2B(a,b,v) :: d_step { ((m2a >> (2*(b) + (v))) & 1) && P2B_BALCHECK(a,b) -> \
        maxBal1[a] = (b) + 1; maxVBal1[a] = (b) + 1; maxVal1[a] = (v) + 1; \
        m2b[a] = m2b[a] | (1 << (2*(b) + (v))) T2B(a,b,v); \
        assert(AGREE) }

#define BALLOT(b) P1A(b) \
        P1B(0,b) P1B(1,b) P1B(2,b) \
        P2A(b,0) P2A(b,1) \
        P2B(0,b,0) P2B(0,b,1) P2B(1,b,0) P2B(1,b,1) P2B(2,b,0) P2B(2,b,1)

active proctype paxos()
{
  do
  BALLOT(0)
#if NB > 1
  BALLOT(1)
#endif
#if NB > 2
  BALLOT(2)
#endif
#if NB > 3
  BALLOT(3)
#endif
  od
}
