import itertools

from hypothesis import given
from hypothesis import strategies as st

from liushou_desktop.sync.hlc import HybridLogicalClock, Stamp


def test_follows_wall_clock_when_it_moves_forward():
    wall = iter([1000, 2000])
    clock = HybridLogicalClock(wall=lambda: next(wall))
    assert clock.now() == Stamp(1000, 0)
    assert clock.now() == Stamp(2000, 0)


def test_never_goes_backwards_when_the_pc_clock_does():
    times = iter([5000, 1000, 1000])
    clock = HybridLogicalClock(wall=lambda: next(times))
    a, b, c = clock.now(), clock.now(), clock.now()
    assert a < b < c
    assert b == Stamp(5000, 1)


def test_observing_a_remote_stamp_orders_later_events_after_it():
    clock = HybridLogicalClock(wall=lambda: 100)
    remote = Stamp(10_000, 7)
    clock.observe(remote)
    assert clock.now() > remote


def test_encoding_sorts_like_stamps():
    stamps = [Stamp(1, 0), Stamp(1, 12), Stamp(1_700_000_000_000, 3), Stamp(2, 0)]
    encoded = sorted(s.encode() for s in stamps)
    assert [Stamp.decode(e) for e in encoded] == sorted(stamps)


@given(st.lists(st.integers(min_value=0, max_value=10**13), min_size=1, max_size=50))
def test_strictly_increasing_whatever_the_wall_clock_does(walls):
    it = iter(walls)
    clock = HybridLogicalClock(wall=lambda: next(it))
    stamps = [clock.now() for _ in walls]
    assert all(a < b for a, b in itertools.pairwise(stamps))
