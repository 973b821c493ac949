import json
import sys

for l in open(sys.argv[1]):
    try: r=json.loads(l)
    except: print(l.strip()); continue
    print(r['scenario'], r['point'], '| first:', r['first'], '| mid:', r['mid'], '| second:', r['second'][:40], '| final:', r['final'], '| third:', r['third'][:30], '| same:', r['final']==r['after_third'], r['boot'])
