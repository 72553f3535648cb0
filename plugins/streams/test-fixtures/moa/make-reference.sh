#!/bin/sh
# Writes MOA's own output of each generator (200 instances) as ARFF, so the tests
# compare the native generators with MOA instance by instance.
# Usage: MOA_JAR=/path/to/moa-2024.07.0.jar sh make-reference.sh
set -e
cd "$(dirname "$0")"
write() { java -cp "$MOA_JAR" moa.DoTask "WriteStreamToARFFFile -s ($2) -f $1.arff -m ${3:-200}" > /dev/null; gzip -n -f "$1.arff"; }
write sea-f2-i7 'generators.SEAGenerator -f 2 -i 7'
write sea-f4-i3-b-p25 'generators.SEAGenerator -f 4 -i 3 -b -p 25'
write agrawal-f1-i1 'generators.AgrawalGenerator -f 1 -i 1'
write agrawal-f10-i5-b 'generators.AgrawalGenerator -f 10 -i 5 -b'
write agrawal-f7-i2-p0 'generators.AgrawalGenerator -f 7 -i 2 -p 0.0'
write hyperplane-i3-t001 'generators.HyperplaneGenerator -i 3 -a 5 -k 3 -t 0.01 -n 5 -s 10'
write rbf-r2-i3 'generators.RandomRBFGenerator -r 2 -i 3 -c 3 -a 4 -n 20'
write rbfdrift-r1-i1-s001 'generators.RandomRBFGeneratorDrift -r 1 -i 1 -s 0.01 -k 10'
write randomtree-r1-i1 'generators.RandomTreeGenerator -r 1 -i 1'
write randomtree-r4-i2-c3 'generators.RandomTreeGenerator -r 4 -i 2 -c 3 -o 2 -u 3 -v 3 -d 7 -l 2 -f 0.3'
write led-i2 'generators.LEDGenerator -i 2'
write leddrift-i1-d3 'generators.LEDGeneratorDrift -i 1 -d 3'
write stagger-f2-i4-b 'generators.STAGGERGenerator -f 2 -i 4 -b'
write sine-f3-i5-b 'generators.SineGenerator -f 3 -i 5 -b'
write sine-f1-i1-s 'generators.SineGenerator -f 1 -i 1 -s'
write waveform-i1-n 'generators.WaveformGenerator -i 1 -n'
write waveformdrift-i2-d5 'generators.WaveformGeneratorDrift -i 2 -d 5'
write mixed-f2-i3-b 'generators.MixedGenerator -f 2 -i 3 -b'
write drift-sea-p100-w50 'ConceptDriftStream -s (generators.SEAGenerator -f 1) -d (generators.SEAGenerator -f 3 -i 2) -p 100 -w 50 -r 4'
write recurring-stagger 'RecurrentConceptDriftStream -s (generators.STAGGERGenerator -f 1) -d (generators.STAGGERGenerator -f 3) -p 50 -w 10 -x 30 -y 40 -z 2'
write imbalance-agrawal 'ImbalancedStream -s (generators.AgrawalGenerator -f 2) -c 0.8;0.2 -i 3'
