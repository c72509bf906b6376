"""Builds small X12 835 files for the end-to-end tests: enveloped, counted and balanced unless asked otherwise."""


def money(cents):
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


def claim(number, status="1", charge=10000, paid=0, patient_resp=0, cas=(), lines=(), payer_claim="PCN1",
          patient=("DOE", "JANE", "M0001")):
    """One CLP loop. `cas` = [(group, reason, cents)] at claim level; `lines` = [(procedure, charge, paid, [(g, r, cents)])]."""
    segs = [f"CLP*{number}*{status}*{money(charge)}*{money(paid)}*{money(patient_resp) if patient_resp else ''}*12*{payer_claim}*11*1"]
    for group, reason, cents in cas:
        segs.append(f"CAS*{group}*{reason}*{money(cents)}")
    last, first, member = patient
    segs.append(f"NM1*QC*1*{last}*{first}****MI*{member}")
    segs.append("DTM*232*20261001")
    segs.append("DTM*233*20261001")
    for procedure, line_charge, line_paid, line_cas in lines:
        segs.append(f"SVC*HC:{procedure}*{money(line_charge)}*{money(line_paid)}**1")
        segs.append("DTM*472*20261001")
        for group, reason, cents in line_cas:
            segs.append(f"CAS*{group}*{reason}*{money(cents)}")
    return segs


def payment(claims, trace="TRACE1", payer=("ACME HEALTH PLAN", "ACME01"), date="20261115", total=None, control="0001"):
    """One ST..SE transaction set around CLP loops (lists of segments); BPR02 = Σ CLP04 unless `total` is given."""
    body = [
        f"BPR*I*{money(total if total is not None else sum(c[1] for c in claims))}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA*98765*{date}",
        f"TRN*1*{trace}*1512345678",
        f"DTM*405*{date}",
        f"N1*PR*{payer[0]}*XV*{payer[1]}",
        "N1*PE*CASEWORK CLINIC*XX*1234567893",
        "LX*1",
    ]
    for segs, _ in claims:
        body += segs
    segments = [f"ST*835*{control}*005010X221A1"] + body
    segments.append(f"SE*{len(segments) + 1}*{control}")
    return segments


def claim_with_paid(number, paid, **kw):
    """(segments, paid) for `payment`."""
    return claim(number, paid=paid, **kw), paid


def interchange(transaction_sets, control="000000001", element="*", component=":", terminator="~"):
    """ISA/GS/…/GE/IEA around transaction sets (lists of segments written with '*' and ':')."""
    isa = (f"ISA*00*          *00*          *ZZ*PAYERSENDER    *ZZ*CASEWORKRECV   *261115*1200*^*00501*{control}*0*P*{component}")
    segments = [isa, f"GS*HP*PAYERSENDER*CASEWORKRECV*20261115*1200*1*X*005010X221A1"]
    for ts in transaction_sets:
        segments += ts
    segments += [f"GE*{len(transaction_sets)}*1", f"IEA*1*{control}"]
    text = terminator.join(s.replace("*", element) if not s.startswith("ISA") else s.replace("*", element) for s in segments) + terminator
    return text.encode()


def file(claims, **kw):
    """A whole file with one payment of `claims` ((segments, paid) pairs)."""
    return interchange([payment(claims, **kw)])
