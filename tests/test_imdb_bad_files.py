"""Every bad offline file gets one line that names it and says what to do; nothing bad is cached.

Issue 7, item 4: a truncated or foreign archive, a wrong word index, a damaged
rebuild cache (rebuilt by itself, with a one-line note) and a damaged or
missing trained model for notebook 07. All archives here are small and synthetic.
"""

import io
import json
import shutil
import tarfile
import zipfile

import numpy as np
import pytest

from helpers import data_files, imdb, imdb_raw, network


@pytest.fixture(autouse=True)
def tiny_archives(monkeypatch):
    """This file's archives hold a handful of reviews, not the genuine 12,500 per label and split."""
    monkeypatch.setattr(imdb_raw, "REVIEWS_PER_LABEL", None)


REVIEWS = {
    "aclImdb/train/pos/0_9.txt": "A great film.<br /><br />Great acting!",
    "aclImdb/train/neg/0_2.txt": "An awful, boring film.",
    "aclImdb/test/pos/0_10.txt": "Great fun.",
    "aclImdb/test/neg/0_1.txt": "Awful acting.",
}
WORDS = ["the", "film", "a", "great", "boring", "good", "awful", "acting", "fun", "an"]
WORD_INDEX = {word: rank for rank, word in enumerate(WORDS + [f"filler{i}" for i in range(1000)], start=1)}


def write_archive(path, reviews=REVIEWS, mode="w:gz"):
    with tarfile.open(path, mode) as tar:
        for name, text in reviews.items():
            data = text.encode() * 50  # long enough for the gzip stream to be cut inside the data
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def files(tmp_path):
    archive = write_archive(tmp_path / "aclImdb_v1.tar.gz")
    index = tmp_path / "imdb_word_index.json"
    index.write_text(json.dumps(WORD_INDEX))
    return archive, index


def assert_one_line(message: str, *parts: str):
    assert "\n" not in message, message
    for part in parts:
        assert part in message, (part, message)


# --- the raw archive ---------------------------------------------------------------------------------


def truncated(path):
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


def text_file(path):
    path.write_text("<html><body>404 Not Found</body></html>\n")


def no_reviews(path):
    write_archive(path, {"aclImdb/README": "no reviews in here"})


def only_training_reviews(path):
    write_archive(path, {k: v for k, v in REVIEWS.items() if "/train/" in k})


def random_bytes(path):
    path.write_bytes(np.random.default_rng(0).integers(0, 256, size=5000, dtype=np.uint8).tobytes())


def damaged_gzip_body(path):
    data = bytearray(path.read_bytes())
    data[40:60] = bytes(20)  # a hole in the compressed stream
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "damage, says",
    [
        (truncated, "ends early"),
        (text_file, "is not a tar archive"),
        (random_bytes, "is not a tar archive"),
        (damaged_gzip_body, ""),
        (no_reviews, "holds no aclImdb/train/pos|neg/*.txt reviews"),
        (only_training_reviews, "holds no aclImdb/test/pos|neg/*.txt reviews"),
    ],
)
def test_a_bad_archive_is_named_with_what_to_do_and_nothing_is_cached(files, offline, damage, says, capsys):
    archive, index = files
    damage(archive)
    with pytest.raises(imdb.ImdbFileError) as error:
        imdb.load_imdb(num_words=10, raw_archive=archive, word_index_path=index, verbose=False)
    assert_one_line(str(error.value), str(archive), says, "IMDB_RAW_ARCHIVE", "download aclImdb_v1.tar.gz again")
    assert error.value.__context__ is None or error.value.__suppress_context__  # no chained library traceback
    assert not offline.exists() or not any(offline.iterdir())


def test_the_archive_error_is_a_value_error_for_callers_that_catch_that():
    assert issubclass(imdb.ImdbFileError, ValueError)


# --- the word index ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, says",
    [
        ('{"the": 1, "film": ', "is not valid JSON"),
        ("", "is not valid JSON"),
        (b"\xff\xfe\x00garbage", "is not valid JSON"),
        (json.dumps(WORDS), "holds a JSON list"),
        ('"the"', "holds a JSON str"),
        ("{}", "holds 0 words"),
        (json.dumps(dict(list(WORD_INDEX.items())[:999])), "holds 999 words, too few"),
        (json.dumps({**WORD_INDEX, "film": "2"}), "maps 'film' to '2'"),
        (json.dumps({**WORD_INDEX, "film": 0}), "maps 'film' to '0'"),
        (json.dumps({**WORD_INDEX, "film": -3}), "maps 'film' to '-3'"),
        (json.dumps({**WORD_INDEX, "film": 2.0}), "maps 'film' to '2.0'"),
        (json.dumps({**WORD_INDEX, "film": True}), "maps 'film' to 'True'"),
        (json.dumps({**WORD_INDEX, "film": None}), "maps 'film' to 'None'"),
    ],
)
def test_a_bad_word_index_is_named_with_what_to_do_and_nothing_is_cached(files, offline, content, says):
    archive, index = files
    if isinstance(content, bytes):
        index.write_bytes(content)
    else:
        index.write_text(content)
    with pytest.raises(imdb.ImdbFileError) as error:
        imdb.load_imdb(num_words=10, raw_archive=archive, word_index_path=index, verbose=False)
    assert_one_line(str(error.value), str(index), says, "IMDB_WORD_INDEX", "imdb_word_index.json again")
    assert not offline.exists() or not any(offline.iterdir())
    with pytest.raises(imdb.ImdbFileError):  # the word-index helper checks it too
        imdb.get_word_index(index)


def test_the_genuine_size_word_index_passes(files):
    _, index = files
    assert imdb_raw.read_word_index(index) == WORD_INDEX


# --- the rebuild cache -------------------------------------------------------------------------------


def cut_short(cache):
    data = cache.read_bytes()
    cache.write_bytes(data[: len(data) // 2])


def emptied(cache):
    cache.write_bytes(b"")


def wrong_keys(cache):
    with np.load(cache) as f:
        arrays = dict(f)
    arrays["x_train"] = arrays.pop("train_flat")
    np.savez(cache, **arrays)


def wrong_shapes(cache):
    with np.load(cache) as f:
        arrays = dict(f)
    arrays["train_offsets"] = arrays["train_offsets"][:-1]
    np.savez(cache, **arrays)


def inconsistent_offsets(cache):
    with np.load(cache) as f:
        arrays = dict(f)
    arrays["test_offsets"] = arrays["test_offsets"][::-1].copy()
    np.savez(cache, **arrays)


def two_dimensional(cache):
    with np.load(cache) as f:
        arrays = dict(f)
    arrays["train_flat"] = arrays["train_flat"][:, None]
    np.savez(cache, **arrays)


def labels_not_binary(cache):
    with np.load(cache) as f:
        arrays = dict(f)
    arrays["train_labels"] = arrays["train_labels"] + 5
    np.savez(cache, **arrays)


def a_pickle(cache):
    cache.write_bytes(b"\x80\x04K\x01.")


@pytest.mark.parametrize(
    "damage",
    [cut_short, emptied, wrong_keys, wrong_shapes, inconsistent_offsets, two_dimensional, labels_not_binary, a_pickle],
)
def test_a_damaged_cache_heals_itself_with_a_one_line_note(files, tmp_path, monkeypatch, capsys, damage):
    archive, index = files
    cache_dir = tmp_path / "cache"
    fresh = imdb_raw.load_ranks(archive, index, cache_dir=cache_dir)
    assert capsys.readouterr().out == ""
    cache = cache_dir / imdb_raw.CACHE_NAME
    damage(cache)

    healed = imdb_raw.load_ranks(archive, index, cache_dir=cache_dir)
    note = capsys.readouterr().out
    assert note == f"IMDB cache {cache} was damaged; rebuilt it.\n"
    assert healed[0][0] == fresh[0][0] and healed[1][0] == fresh[1][0]
    assert np.array_equal(healed[0][1], fresh[0][1]) and np.array_equal(healed[1][1], fresh[1][1])

    # The cache is whole again: the next load reads it without parsing and without a note.
    monkeypatch.setattr(imdb_raw, "rebuild_ranks", lambda *a: pytest.fail("the healed cache was not used"))
    again = imdb_raw.load_ranks(archive, index, cache_dir=cache_dir)
    assert again[0][0] == fresh[0][0] and capsys.readouterr().out == ""
    assert sorted(p.name for p in cache_dir.iterdir()) == [imdb_raw.CACHE_NAME]


def test_a_cache_of_other_files_is_rebuilt_silently(files, tmp_path, capsys):
    archive, index = files
    cache_dir = tmp_path / "cache"
    imdb_raw.load_ranks(archive, index, cache_dir=cache_dir)
    write_archive(archive, {**REVIEWS, "aclImdb/test/neg/5_2.txt": "Boring."})  # another archive, another size
    (_, _), (test, _) = imdb_raw.load_ranks(archive, index, cache_dir=cache_dir)
    assert len(test) == 3 and capsys.readouterr().out == ""


def test_a_failed_cache_write_leaves_no_temporary_file(files, tmp_path, monkeypatch):
    archive, index = files
    cache_dir = tmp_path / "cache"

    def disk_full(file, **arrays):
        file.write(b"PK\x03\x04 half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(imdb_raw.np, "savez_compressed", disk_full)
    (train, _), _ = imdb_raw.load_ranks(archive, index, cache_dir=cache_dir)
    assert len(train) == 2  # the data still come back
    assert list(cache_dir.iterdir()) == []  # no cache, no temporary file


def test_an_interrupted_cache_write_leaves_no_temporary_file(files, tmp_path, monkeypatch):
    archive, index = files
    cache_dir = tmp_path / "cache"

    def interrupted(file, **arrays):
        file.write(b"PK\x03\x04 half a file")
        raise KeyboardInterrupt

    monkeypatch.setattr(imdb_raw.np, "savez_compressed", interrupted)
    with pytest.raises(KeyboardInterrupt):
        imdb_raw.load_ranks(archive, index, cache_dir=cache_dir)
    assert list(cache_dir.iterdir()) == []


def test_a_damaged_cache_that_cannot_be_replaced_is_still_reported(files, tmp_path, monkeypatch, capsys):
    archive, index = files
    cache_dir = tmp_path / "cache"
    imdb_raw.load_ranks(archive, index, cache_dir=cache_dir)
    cut_short(cache_dir / imdb_raw.CACHE_NAME)
    monkeypatch.setattr(imdb_raw.os, "replace", lambda *a: (_ for _ in ()).throw(PermissionError(13, "denied")))
    (train, _), _ = imdb_raw.load_ranks(archive, index, cache_dir=cache_dir)
    assert len(train) == 2
    note = capsys.readouterr().out
    assert_one_line(note.rstrip("\n"), str(cache_dir / imdb_raw.CACHE_NAME), "was damaged", "delete it")
    assert sorted(p.name for p in cache_dir.iterdir()) == [imdb_raw.CACHE_NAME]


# --- notebook 07's trained model ---------------------------------------------------------------------

MODEL = data_files.REPOSITORY_DATA / "imdb_lstm.keras"
FIX = ("git checkout data/imdb_lstm.keras", "re-run notebook 06 in full mode", "EMBEDDING_SERIES_QUICK=0")


@pytest.fixture
def clone(tmp_path, monkeypatch):
    """A stand-in repository: data/ beside a pyproject.toml."""
    (tmp_path / "pyproject.toml").write_text("")
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setattr(data_files, "REPOSITORY_DATA", data)
    return data


def test_a_missing_model_in_a_clone_says_restore_or_rerun(clone):
    with pytest.raises(FileNotFoundError) as error:
        data_files.load_trained_model("imdb_lstm.keras")
    assert_one_line(str(error.value), str(clone / "imdb_lstm.keras"), "is missing", *FIX)


def test_a_missing_model_outside_a_clone_says_connect_restore_or_rerun(tmp_path, monkeypatch):
    import keras

    monkeypatch.setattr(data_files, "REPOSITORY_DATA", tmp_path / "site-packages" / "data")
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "home"))  # no model of the learner's own either
    monkeypatch.delenv(data_files.DATA_VARIABLE, raising=False)
    monkeypatch.setattr(network, "can_reach", lambda url: True)  # the host answers, the download then fails

    def no_internet(**kwargs):
        raise ConnectionError("no route to host")

    monkeypatch.setattr(keras.utils, "get_file", no_internet)
    with pytest.raises(FileNotFoundError) as error:
        data_files.load_trained_model()
    assert_one_line(
        str(error.value),
        "data/imdb_lstm.keras",
        "ConnectionError",
        "connect to the internet",
        "delete it so that the next call downloads it again",  # a plain install has no git checkout
        *FIX[1:],
    )


def test_an_unreachable_host_is_told_at_once_without_a_download(tmp_path, monkeypatch):
    import keras

    monkeypatch.setattr(data_files, "REPOSITORY_DATA", tmp_path / "site-packages" / "data")
    monkeypatch.delenv(data_files.DATA_VARIABLE, raising=False)
    monkeypatch.setattr(network, "can_reach", lambda url: False)
    monkeypatch.setattr(keras.utils, "get_file", lambda **kwargs: pytest.fail("no download may start"))
    with pytest.raises(FileNotFoundError) as error:
        data_files.data_file("my_reviews.txt")
    assert_one_line(
        str(error.value), "data/my_reviews.txt", "raw.githubusercontent.com does not answer", "EMBEDDING_SERIES_DATA"
    )


def test_an_offline_copy_of_data_is_found_through_the_variable(tmp_path, monkeypatch):
    monkeypatch.setattr(data_files, "REPOSITORY_DATA", tmp_path / "site-packages" / "data")
    offline = tmp_path / "offline"
    offline.mkdir()
    (offline / "my_reviews.txt").write_text("pos\tA fine film.\n")
    monkeypatch.setenv(data_files.DATA_VARIABLE, str(offline))
    assert data_files.data_file("my_reviews.txt") == offline / "my_reviews.txt"
    assert data_files.read_labelled_reviews() == [("pos", "A fine film.")]


def cut_model(path):
    path.write_bytes(MODEL.read_bytes()[:100_000])


def not_a_model(path):
    path.write_text("version https://git-lfs.github.com/spec/v1\noid sha256:0\nsize 2500000\n")


def empty_model(path):
    path.write_bytes(b"")


def corrupt_member(path):
    data = bytearray(MODEL.read_bytes())
    with zipfile.ZipFile(MODEL) as archive:
        info = archive.getinfo("model.weights.h5")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle : middle + 100] = bytes(b ^ 0xFF for b in data[middle : middle + 100])
    path.write_bytes(bytes(data))


def weights_left_out(path):
    with zipfile.ZipFile(MODEL) as source, zipfile.ZipFile(path, "w") as target:
        for name in ("metadata.json", "config.json"):
            target.writestr(name, source.read(name))


@pytest.mark.skipif(not MODEL.is_file(), reason="data/imdb_lstm.keras is not in this checkout")
@pytest.mark.parametrize(
    "damage, says",
    [
        (cut_model, "not a complete .keras zip file"),
        (not_a_model, "not a complete .keras zip file"),
        (empty_model, "not a complete .keras zip file"),
        (corrupt_member, "model.weights.h5 is corrupt"),
        (weights_left_out, "lacks model.weights.h5"),
    ],
)
def test_a_damaged_model_says_restore_or_rerun(clone, damage, says):
    damage(clone / "imdb_lstm.keras")
    with pytest.raises(data_files.DamagedFileError) as error:
        data_files.load_trained_model("imdb_lstm.keras")
    assert_one_line(str(error.value), str(clone / "imdb_lstm.keras"), "is damaged", says, *FIX)


def test_weights_of_another_model_say_restore_or_rerun(clone):
    import keras

    other = keras.Sequential([keras.Input((None,)), keras.layers.Embedding(10, 2, name="embedding")])
    other.save(clone / "imdb_lstm.keras")
    with pytest.raises(data_files.DamagedFileError) as error:
        data_files.load_trained_model("imdb_lstm.keras")
    assert_one_line(str(error.value), str(clone / "imdb_lstm.keras"), "does not hold this model's weights", *FIX)


@pytest.mark.skipif(not MODEL.is_file(), reason="data/imdb_lstm.keras is not in this checkout")
def test_the_repository_model_loads(clone):
    shutil.copy(MODEL, clone / "imdb_lstm.keras")
    model = data_files.load_trained_model()
    assert model.get_layer("embedding").get_weights()[0].shape == (5000, 32)


# --- damage that looks valid: read to the end, the genuine counts, ranks 1..N, a digest ----------------


def varied_reviews(per_label: int, words: int = 1500, seed: int = 0) -> dict:
    """``per_label`` reviews of each label in each split, of random known words: a file that does not compress away."""
    rng = np.random.default_rng(seed)
    return {
        f"aclImdb/{split}/{label}/{i}_{7 if label == 'pos' else 2}.txt": " ".join(rng.choice(WORDS, size=words))
        for split in ("train", "test")
        for label in ("pos", "neg")
        for i in range(per_label)
    }


def overwritten_at_80_percent(path):
    data = bytearray(path.read_bytes())
    at = len(data) * 4 // 5
    data[at : at + 4096] = np.random.default_rng(1).integers(0, 256, size=4096, dtype=np.uint8).tobytes()
    path.write_bytes(bytes(data[: len(data)]))


def one_flipped_bit(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x10
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", [overwritten_at_80_percent, one_flipped_bit])
def test_damage_inside_a_gzip_archive_is_caught_and_nothing_is_cached(tmp_path, offline, damage):
    archive = write_archive(tmp_path / "aclImdb_v1.tar.gz", varied_reviews(3))
    assert archive.stat().st_size > 3 * 4096
    index = tmp_path / "imdb_word_index.json"
    index.write_text(json.dumps(WORD_INDEX))
    damage(archive)
    with pytest.raises(imdb.ImdbFileError) as error:
        imdb.load_imdb(num_words=10, raw_archive=archive, word_index_path=index, verbose=False)
    assert_one_line(str(error.value), str(archive), "download aclImdb_v1.tar.gz again")
    assert not offline.exists() or not any(offline.iterdir())


def test_a_plain_tar_cut_at_a_member_header_is_caught_by_the_genuine_counts(tmp_path, offline, monkeypatch):
    """What a full disk during ``gunzip`` leaves: a tar that ends cleanly between two members."""
    monkeypatch.setattr(imdb_raw, "REVIEWS_PER_LABEL", 3)  # this archive's "genuine" count
    archive = tmp_path / "aclImdb_v1.tar"
    with tarfile.open(archive, "w") as tar:
        for name, text in varied_reviews(3, words=50).items():
            data = text.encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    with tarfile.open(archive) as tar:
        cut_at = tar.getmembers()[10].offset  # the header of the 11th of 12 reviews
    archive.write_bytes(archive.read_bytes()[:cut_at])
    index = tmp_path / "imdb_word_index.json"
    index.write_text(json.dumps(WORD_INDEX))
    with pytest.raises(imdb.ImdbFileError) as error:
        imdb.load_imdb(num_words=10, raw_archive=archive, word_index_path=index, verbose=False)
    assert_one_line(str(error.value), "holds 1 aclImdb/test/neg reviews, not the genuine 3", "again")
    assert not offline.exists() or not any(offline.iterdir())


@pytest.mark.parametrize(
    "ranks, says",
    [
        ({word: 1 for word in WORD_INDEX}, f"gives rank 1 to {len(WORD_INDEX):,} words"),
        ({**WORD_INDEX, "film": len(WORD_INDEX) + 5}, "skips rank 2"),
        ({**WORD_INDEX, "film": 1}, "gives rank 1 to 2 words"),
    ],
)
def test_a_word_index_must_rank_its_words_1_to_n_once_each(tmp_path, ranks, says):
    index = tmp_path / "imdb_word_index.json"
    index.write_text(json.dumps(ranks))
    with pytest.raises(imdb.ImdbFileError) as error:
        imdb_raw.read_word_index(index)
    assert_one_line(str(error.value), str(index), says, "1 to N, once each", "imdb_word_index.json again")


def test_a_word_index_whose_ranks_do_not_follow_the_training_counts_is_not_this_archives(
    tmp_path, offline, monkeypatch
):
    """Shuffled ranks (or another data set's index) pass every check of the file alone; the counts catch them."""
    monkeypatch.setattr(imdb_raw, "REVIEWS_PER_LABEL", 2)
    archive = write_archive(tmp_path / "aclImdb_v1.tar.gz", varied_reviews(2, words=400))
    (train, _), _ = imdb_raw.rebuild_ranks(archive, {word: i + 1 for i, word in enumerate(WORDS)})
    counts = np.bincount([r for review in train for r in review], minlength=len(WORDS) + 1)[1:]
    by_count = [WORDS[i] for i in np.argsort(-counts, kind="stable")]  # the index this archive's counts give
    fillers = [f"filler{i}" for i in range(1000)]
    genuine = {word: rank for rank, word in enumerate(by_count + fillers, start=1)}
    shuffled = {word: rank for rank, word in enumerate(by_count[::-1] + fillers, start=1)}
    index = tmp_path / "imdb_word_index.json"
    index.write_text(json.dumps(genuine))
    cache_dir = tmp_path / "cache"
    imdb_raw.load_ranks(archive, index, cache_dir=cache_dir)  # the right index passes
    index.write_text(json.dumps(shuffled))
    with pytest.raises(imdb.ImdbFileError) as error:
        imdb_raw.load_ranks(archive, index, cache_dir=cache_dir)
    assert_one_line(str(error.value), str(index), "is not this archive's word index", "more than rank 1")


def test_the_cache_is_keyed_on_content_not_name_and_size(files, tmp_path):
    _, index = files
    archive = write_archive(tmp_path / "aclImdb_v1.tar", mode="w")  # uncompressed: the size is the members'
    cache_dir = tmp_path / "cache"
    imdb_raw.load_ranks(archive, index, cache_dir=cache_dir)
    size = archive.stat().st_size
    other = {k: v.replace("great", "awful").replace("Great", "Awful") for k, v in REVIEWS.items()}  # other words
    write_archive(archive, other, mode="w")
    assert archive.stat().st_size == size  # the same name and size: only the content tells the two apart
    (train, _), _ = imdb_raw.load_ranks(archive, index, cache_dir=cache_dir)
    assert WORD_INDEX["great"] not in [r for review in train for r in review]


def test_an_edited_cache_does_not_match_its_digest_and_is_rebuilt(files, tmp_path, capsys):
    archive, index = files
    cache_dir = tmp_path / "cache"
    fresh = imdb_raw.load_ranks(archive, index, cache_dir=cache_dir)
    capsys.readouterr()
    cache = cache_dir / imdb_raw.CACHE_NAME
    with np.load(cache) as f:
        arrays = dict(f)
    arrays["train_labels"] = 1 - arrays["train_labels"]  # still valid labels, now wrong
    np.savez(cache, **arrays)
    healed = imdb_raw.load_ranks(archive, index, cache_dir=cache_dir)
    assert capsys.readouterr().out == f"IMDB cache {cache} was damaged; rebuilt it.\n"
    assert np.array_equal(healed[0][1], fresh[0][1])


def test_a_temporary_file_left_by_a_killed_write_is_removed_by_the_next(files, tmp_path):
    import os
    import time

    archive, index = files
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    left = cache_dir / f"{imdb_raw.CACHE_NAME}.abc123.tmp"
    left.write_bytes(b"PK half a file")
    old = time.time() - imdb_raw.STALE_TEMPORARY_SECONDS - 60
    os.utime(left, (old, old))
    young = cache_dir / f"{imdb_raw.CACHE_NAME}.def456.tmp"  # another process may be writing this one
    young.write_bytes(b"PK")
    imdb_raw.load_ranks(archive, index, cache_dir=cache_dir)
    assert sorted(p.name for p in cache_dir.iterdir()) == sorted([imdb_raw.CACHE_NAME, young.name])


def test_a_cache_that_cannot_be_written_is_said_once(files, tmp_path, monkeypatch, capsys):
    archive, index = files
    cache_dir = tmp_path / "cache"
    monkeypatch.setattr(imdb_raw, "_UNWRITABLE_SAID", set())
    monkeypatch.setattr(imdb_raw.os, "replace", lambda *a: (_ for _ in ()).throw(PermissionError(13, "denied")))
    for _ in range(3):
        (train, _), _ = imdb_raw.load_ranks(archive, index, cache_dir=cache_dir)
        assert len(train) == 2
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert_one_line(out.rstrip("\n"), "cannot be written (PermissionError)", "every run rebuilds", "KERAS_HOME")


def test_a_good_cache_in_a_read_only_keras_home_is_still_read(files, tmp_path, monkeypatch):
    """Keras' rule moves its home to /tmp/.keras when ~/.keras cannot be written; the cache there is still good."""
    archive, index = files
    home = tmp_path / "home"
    monkeypatch.setenv("KERAS_HOME", str(home))
    imdb_raw.load_ranks(archive, index)  # written to the home's datasets folder
    assert (home / "datasets" / imdb_raw.CACHE_NAME).is_file()
    monkeypatch.setattr(imdb_raw.os, "access", lambda path, mode: False)  # the home is read-only now
    assert imdb_raw.default_cache_dir() != home / "datasets"
    monkeypatch.setattr(imdb_raw, "rebuild_ranks", lambda *a: pytest.fail("the read-only cache was not read"))
    (train, _), _ = imdb_raw.load_ranks(archive, index)
    assert len(train) == 2


def test_a_damaged_keras_cache_falls_back_to_the_offline_copies(files, tmp_path, monkeypatch, capsys):
    """Keras' own imdb.npz cut short: Keras deletes it and tries to download; offline, the copies serve instead."""
    import keras

    archive, index = files
    keras_datasets = tmp_path / "keras_home" / "datasets"
    keras_datasets.mkdir(parents=True)
    (keras_datasets / "imdb.npz").write_bytes(b"PK\x03\x04 cut short")
    monkeypatch.setattr(imdb_raw, "default_cache_dir", lambda: keras_datasets)

    def no_internet(**kwargs):
        raise OSError("Name or service not known")

    monkeypatch.setattr(keras.datasets.imdb, "load_data", no_internet)
    monkeypatch.delenv("IMDB_RAW_ARCHIVE", raising=False)
    monkeypatch.delenv("IMDB_WORD_INDEX", raising=False)
    (x_train, _), (x_test, _) = imdb.load_imdb(raw_archive=archive, word_index_path=index, cache_dir=tmp_path / "c")
    assert len(x_train) == len(x_test) == 2
    said = capsys.readouterr().out
    assert "IMDB: Keras' download failed (OSError: Name or service not known), so rebuilt offline" in said
    with pytest.raises(imdb.ImdbUnavailableError) as raised:  # no copies: one line, naming Keras' real folder
        imdb.load_imdb()
    assert_one_line(str(raised.value), "Keras' download failed", "no offline copy was given", str(keras_datasets))
    monkeypatch.setenv("IMDB_RAW_ARCHIVE", str(archive))  # one copy given: said so
    with pytest.raises(imdb.ImdbUnavailableError, match="only IMDB_RAW_ARCHIVE is set, IMDB_WORD_INDEX is not"):
        imdb.load_imdb()
