#!/usr/bin/env bash
# Builds the fastText fixtures of the FastText* tests: tiny supervised models trained by the fastText CLI on a
# generated, deterministic corpus, and the CLI's own predictions on test lines, which the pure-Java reader must
# reproduce. The outputs are committed; CI needs neither fastText nor this script.
#
#   apt-get install -y fasttext        # Debian's fastText 0.9.2 CLI
#   lid-stream/src/test/fasttext/make-fixtures.sh
#
# Writes into lid-stream/src/test/resources/fasttext/:
#   test-lines.txt              the lines predicted (one per '\n'; tabs, \r, \v, \f inside lines are deliberate)
#   <model>.bin / <model>.ftz   the models (non-quantized / quantized)
#   <model>.expected.tsv        `fasttext predict-prob <model> - 2 < test-lines.txt`, spaces turned into tabs:
#                               label, probability, label, probability (fewer columns when fastText gave fewer)
#   FIXTURES.txt                how they were made (fastText version, commands)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="$(cd "$here/../resources" && pwd)/fasttext"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v fasttext >/dev/null || { echo "fasttext CLI not found (apt-get install -y fasttext)" >&2; exit 1; }
export LC_ALL=C.UTF-8

# Word lists: short, frequent words; a few are shared between languages on purpose (de, la, en, die, a, no).
cat > "$work/words.txt" <<'WORDS'
deu_Latn de der die das und ist nicht ein eine zu mit sich auf für über schön Straße Mädchen grün heute morgen Haus Hund Katze Wasser Brot gehen sehen machen kommen groß klein weiß Bücher Tür später
eng_Latn the and is not a an to with on for over nice street girl green today tomorrow house dog cat water bread go see make come big small white books door later which would
fra_Latn le la les et est pas un une de avec sur pour très belle rue fille vert aujourd'hui demain maison chien chat eau pain aller voir faire venir grand petit blanc livres porte après été
rus_Cyrl и в не на что он она это как мы вы они дом собака кошка вода хлеб идти видеть делать большой маленький белый книги дверь сегодня завтра улица девочка зелёный потом
spa_Latn el la los las y es no un una de con en para muy bonita calle niña verde hoy mañana casa perro gato agua pan ir ver hacer venir grande pequeño blanco libros puerta después
WORDS

# gen SEED COUNTS: lines "__label__<lang> w1 w2 ...", 3-9 words each, about one word in eight from another
# language. Park-Miller minimal standard generator, so the corpus is the same wherever awk runs.
gen() {
  awk -v seed="$1" -v counts="$2" '
    function rnd() { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
    function pick(l) { return word[l, 1 + int(rnd() * nword[l])] }
    NR == FNR { lang[NR] = $1; nword[NR] = NF - 1; for (i = 2; i <= NF; i++) word[NR, i - 1] = $i; nlang = NR; next }
    END {
      split(counts, count, ",")
      for (l = 1; l <= nlang; l++) for (c = 0; c < count[l]; c++) {
        line = "__label__" lang[l]; len = 3 + int(rnd() * 7)
        for (w = 0; w < len; w++) {
          if (rnd() < 0.125) { o = 1 + int(rnd() * nlang); line = line " " pick(o) } else line = line " " pick(l)
        }
        printf "%.9f\t%s\n", rnd(), line
      }
    }' "$work/words.txt" "$work/words.txt" | sort -t "$(printf '\t')" -k1,1 | cut -f2-
}

# Unequal label counts, so hierarchical softmax builds a lopsided Huffman tree.
gen 20240611 160,130,100,70,40 > "$work/train-glot.txt"
sed -e 's/__label__deu_Latn/__label__de/' -e 's/__label__eng_Latn/__label__en/' -e 's/__label__fra_Latn/__label__fr/' \
    -e 's/__label__rus_Cyrl/__label__ru/' -e 's/__label__spa_Latn/__label__es/' "$work/train-glot.txt" > "$work/train-iso.txt"

# 300 synthetic labels (quantizing the output layer needs at least 256 rows), words made of random syllables.
awk 'function rnd() { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
  BEGIN {
    seed = 4242; split("ka ro mi te su na lo pe vi zu da ge", syl, " ")
    for (l = 0; l < 300; l++) for (c = 0; c < 3; c++) {
      line = sprintf("__label__l%03d", l); len = 2 + int(rnd() * 5)
      for (w = 0; w < len; w++) { wd = ""; n = 1 + int(rnd() * 3); for (s = 0; s < n; s++) wd = wd syl[1 + int(rnd() * 12)]; line = line " " wd }
      print line
    }
  }' > "$work/train-many.txt"

# Test lines: unseen sentences from the same words, mixed and odd lines, separators fastText splits on.
gen 777 12,12,12,12,12 | sed 's/^__label__[^ ]* //' > "$work/test-lines.txt"
printf '%s\n' \
  "Die Katze und the dog sind heute sehr groß" \
  "le chat and the dog" \
  "Straße" \
  "xyzzy plugh qwerty" \
  "Zürich Genève Москва Sevilla" \
  "DER HUND IST GROSS" \
  "la casa de la mañana est belle" \
  "__label__eng_Latn la maison est grande" \
  "__label__de le chien et le chat" \
  "   spaces  around   words   " \
  "1234 5678 !!! ???" \
  "🙂 emoji 🙂 и вода" \
  "" \
  "ÄÖÜ äöü ß éèà ñ ç" >> "$work/test-lines.txt"
# Lines of the synthetic words, for the 300-label model.
awk 'function rnd() { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
  BEGIN { seed = 99; split("ka ro mi te su na lo pe vi zu da ge", syl, " ")
    for (l = 0; l < 8; l++) { line = ""; len = 2 + int(rnd() * 5)
      for (w = 0; w < len; w++) { wd = ""; n = 1 + int(rnd() * 3); for (s = 0; s < n; s++) wd = wd syl[1 + int(rnd() * 12)]; line = line (w ? " " : "") wd }
      print line } }' >> "$work/test-lines.txt"
printf 'tab\tseparated\twords und mehr\n' >> "$work/test-lines.txt"
printf 'carriage\rreturn vertical\vtab form\ffeed la maison\n' >> "$work/test-lines.txt"
cp "$work/test-lines.txt" "$out/test-lines.txt"

common=(-lr 0.5 -dim 8 -minn 2 -maxn 4 -wordNgrams 2 -bucket 2000 -epoch 20 -thread 1 -verbose 0)
train() { # name input loss seed [extra args]
  local name=$1 input=$2 loss=$3 seed=$4; shift 4
  fasttext supervised -input "$input" -output "$work/$name" "${common[@]}" -loss "$loss" -seed "$seed" "$@"
  echo "fasttext supervised -input $(basename "$input") -output $name ${common[*]} -loss $loss -seed $seed${*:+ $*}" >> "$work/FIXTURES.txt"
}
quantize() { # name input [args]: quantizes <name>.bin into <name>.ftz
  local name=$1 input=$2; shift 2
  fasttext quantize -input "$input" -output "$work/$name" -thread 1 -verbose 0 "$@"
  echo "fasttext quantize -input $(basename "$input") -output $name -thread 1 -verbose 0${*:+ $*}" >> "$work/FIXTURES.txt"
}
{
  echo "fastText fixtures, made by lid-stream/src/test/fasttext/make-fixtures.sh with fastText $(dpkg-query -W -f='${Version}' fasttext 2>/dev/null || echo '(version unknown)')"
  echo "training corpora: generated by the script (train-glot.txt: 5 languages, 500 lines; train-iso.txt: the same with ISO 639-1 labels; train-many.txt: 300 synthetic labels)"
  echo
} > "$work/FIXTURES.txt"

train glot-softmax "$work/train-glot.txt" softmax 1
train glot-ova "$work/train-glot.txt" one-vs-all 2
train glot-ns "$work/train-glot.txt" ns 3 -neg 3 -bucket 1000
train iso-hs "$work/train-iso.txt" hs 4
train many-softmax "$work/train-many.txt" softmax 5 -minn 0 -maxn 0 -wordNgrams 1 -bucket 0
# Quantized: pruned dictionary, norms quantized apart, 3-float sub-vectors (8 = 3+3+2); plain; output quantized.
cp "$work/glot-softmax.bin" "$work/glot-softmax-q.bin"
quantize glot-softmax-q "$work/train-glot.txt" -cutoff 400 -retrain -epoch 1 -qnorm -dsub 3
cp "$work/iso-hs.bin" "$work/iso-hs-q.bin"
quantize iso-hs-q "$work/train-iso.txt"
cp "$work/many-softmax.bin" "$work/many-softmax-q.bin"
quantize many-softmax-q "$work/train-many.txt" -qout -qnorm

for model in glot-softmax.bin glot-ova.bin glot-ns.bin iso-hs.bin glot-softmax-q.ftz iso-hs-q.ftz many-softmax-q.ftz; do
  cp "$work/$model" "$out/$model"
  fasttext predict-prob "$work/$model" - 2 < "$work/test-lines.txt" | tr ' ' '\t' > "$out/${model%.*}.expected.tsv"
  echo "fasttext predict-prob $model - 2 < test-lines.txt | tr ' ' '\\t' > ${model%.*}.expected.tsv" >> "$work/FIXTURES.txt"
done
cp "$work/FIXTURES.txt" "$out/FIXTURES.txt"
printf '# byte-exact: the test lines hold \\r, \\v and \\f on purpose\n* -text\n*.bin binary\n*.ftz binary\n' > "$out/.gitattributes"
ls -l "$out"
