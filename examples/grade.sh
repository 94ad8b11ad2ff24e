#!/bin/sh
# Grades one line per student in answers.txt: NAME DX0 DW0, by exit status.
# Usage: sh examples/grade.sh examples/answers.txt
expr='1/(1+exp(-(w0*x0+w1*x1+w2*x2)))'
backprop=${BACKPROP:-npx backprop}
while read -r name dx0 dw0; do
  $backprop "$expr" w0=2 x0=-1 w1=-3 x1=-2 w2=-3 x2=1 --expect x0="$dx0" --expect w0="$dw0" >/dev/null 2>&1
  case $? in
    0) echo "$name: correct" ;;
    1) echo "$name: wrong" ;;
    *) echo "$name: could not grade" ;;
  esac
done < "${1:-examples/answers.txt}"
