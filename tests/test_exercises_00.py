"""Exercises of notebook 00: the right answers pass, near misses do not."""


def test_00_1_counts_the_table(accepts_right_rejects_wrong):
    accepts_right_rejects_wrong("00.1", 640_000, 10_000 + 64)


def test_00_2_is_the_output_shape(accepts_right_rejects_wrong):
    accepts_right_rejects_wrong("00.2", (8, 200, 32), (8, 32, 200))
