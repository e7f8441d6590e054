"""Formulas of 榕政办〔2020〕15号 附件《关于推动人工智能企业创新发展的四条措施》."""

from __future__ import annotations

from shenbao.core.rules.formulas import FormulaInput, Outcome, cents, finish, formula, money, pct


@formula("rd_equipment", params=("rate", "cap", "province_share"))
def rd_equipment(x: FormulaInput) -> Outcome:
    """科研仪器、设备和软件购置补助: min(25% × non-fiscal purchases, 500万元), shared 省 : 市 = 1 : 1."""
    (purchase,) = x.inputs
    rate, cap, province_share = x.p("rate"), x.p("cap"), x.p("province_share")
    total = cents(min(rate * purchase, cap))
    province = cents(total * province_share)
    return finish(
        total,
        f"min({pct(rate)} × {money(purchase)}, {money(cap)})",
        shares=(("省级财政承担", province), ("市级财政承担", total - province)),
    )
