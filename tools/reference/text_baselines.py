#!/usr/bin/python3
"""Reference baselines on data/text/austen for the README's sentence-CNN study (not used by tests).

Trained on train.tsv, scored on test.tsv, with scikit-learn (Debian's python3-sklearn):
- majority class: always the most frequent training label (the classes are balanced: 1/6);
- bag of words + multinomial naive Bayes, and + logistic regression: the vocabulary of the study
  (lower-cased words, ablate's word pattern, seen at least twice in the training passages, at
  most 5,000 of them), word counts as features, scikit-learn's default smoothing/regularisation.

    /usr/bin/python3 tools/reference/text_baselines.py
"""
import csv
import os
import re
import sys

import sklearn
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score
from sklearn.naive_bayes import MultinomialNB

ROOT = os.path.join(os.path.dirname(__file__), '..', '..', 'data', 'text', 'austen')
# ablate's [\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)* : [^\W_] is a Unicode letter or digit in Python's re.
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def read(name):
    with open(os.path.join(ROOT, name), newline='', encoding='utf-8') as f:
        rows = list(csv.DictReader(f, delimiter='\t', quoting=csv.QUOTE_NONE))
    return [r['text'] for r in rows], [r['label'] for r in rows]


def words(text):
    return WORD.findall(text.replace('\u2019', "'").lower())


train_x, train_y = read('train.tsv')
test_x, test_y = read('test.tsv')
majority = max(sorted(set(train_y)), key=train_y.count)
print(f'scikit-learn {sklearn.__version__}; {len(train_x)} training, {len(test_x)} test passages', file=sys.stderr)
print(f'majority class ({majority}): {100 * accuracy_score(test_y, [majority] * len(test_y)):.2f}%')
vectorizer = CountVectorizer(tokenizer=words, lowercase=False, token_pattern=None, min_df=1, max_features=None)
counts = vectorizer.fit_transform(train_x)
frequent = [w for w, n in zip(vectorizer.get_feature_names_out(), counts.sum(axis=0).A1) if n >= 2]
frequent = sorted(frequent, key=lambda w: (-counts[:, vectorizer.vocabulary_[w]].sum(), w))[:5000]
vectorizer = CountVectorizer(tokenizer=words, lowercase=False, token_pattern=None, vocabulary=frequent)
train, test = vectorizer.transform(train_x), vectorizer.transform(test_x)
print(f'vocabulary: {len(frequent)} words')
for name, model in [('multinomial naive Bayes', MultinomialNB()), ('logistic regression', LogisticRegression(max_iter=2000))]:
    model.fit(train, train_y)
    print(f'bag of words + {name}: {100 * accuracy_score(test_y, model.predict(test)):.2f}%')
