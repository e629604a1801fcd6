"""The French analysis is safe to use from several threads at once (threaded gunicorn)."""

from concurrent.futures import ThreadPoolExecutor

from search import french

WORDS = ["discriminations", "laïcité", "intégration", "interculturalité", "logement"] * 400


def test_stemming_in_parallel_threads_gives_the_same_stems():
    expected = [french.analyze_word(word) for word in WORDS]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda _: [french.analyze_word(w) for w in WORDS], range(8)))
    assert all(result == expected for result in results)
