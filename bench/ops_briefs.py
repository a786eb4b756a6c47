"""Brief timings: case_brief_ms (a case with 6 photos) and work_brief_quarter_ms (a quarter over the whole data)."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from sqlalchemy import delete, func, select

from bench import BenchEnv, operation, timer

PHOTO_KINDS = ("整改前", "整改后", "整改前", "整改后", "证据", "照片")


def make_photos(folder: Path, count: int = 6, size: tuple[int, int] = (800, 600)) -> list[Path]:
    """Small labelled photos, JPEG and PNG alternately, as a phone would hand them over (landscape and portrait)."""
    from PIL import Image, ImageDraw

    out = []
    for i in range(count):
        w, h = size if i % 3 else size[::-1]
        img = Image.new("RGB", (w, h), (40 + 30 * i, 110, 160 - 15 * i))
        draw = ImageDraw.Draw(img)
        draw.rectangle((w // 8, h // 4, w * 7 // 8, h * 3 // 4), outline=(255, 255, 255), width=6)
        draw.text((w // 6, h // 3), f"PHOTO {i + 1}", fill=(255, 255, 255))
        path = folder / (f"photo{i + 1}.jpg" if i % 2 == 0 else f"photo{i + 1}.png")
        img.save(path, quality=80) if path.suffix == ".jpg" else img.save(path)
        out.append(path)
    return out


@operation("case_brief_ms")
def case_brief(env: BenchEnv) -> float:
    """Attach 6 photos to a closed case with a referral, time its brief, then take photos and events away again."""
    from controllers.briefs.case_brief import write_case_brief
    from controllers.storage.attachments import remove_attachment, store_attachment, stored_path
    from models.cases import Case, CaseEvent, Referral

    ctx = env.context()
    with ctx.db.session() as s:
        case_id = s.scalar(select(Case.id).join(Referral, Referral.case_id == Case.id)
                           .where(Case.status == "结案").order_by(Case.id).limit(1))
        last_event = s.scalar(select(func.max(CaseEvent.id)).where(CaseEvent.case_id == case_id)) or 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        added = [store_attachment(ctx, source_path=p, owner="case", owner_id=case_id, kind=k, caption=f"现场照片{i}")
                 for i, (p, k) in enumerate(zip(make_photos(folder), PHOTO_KINDS, strict=True), start=1)]
        try:
            with timer() as t:
                write_case_brief(ctx, case_id, folder / "case.pdf")
        finally:
            # Leave the cached demo data as it was: photos, stored files and the 附件 timeline entries go again.
            for a in added:
                remove_attachment(ctx, a.id)
                with contextlib.suppress(OSError):  # the ab/ folder of the hash, if the store left it empty
                    stored_path(ctx, a.sha256).parent.rmdir()
            with ctx.db.session() as s:
                s.execute(delete(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.id > last_event))
    return t.ms


@operation("work_brief_quarter_ms")
def work_brief_quarter(env: BenchEnv) -> float:
    """A preview (no issue number taken) of the district's work brief for 2025Q1."""
    from controllers.briefs.work_brief import write_work_brief
    from controllers.core.periods import parse_period

    ctx = env.context()
    with tempfile.TemporaryDirectory() as tmp, timer() as t:
        write_work_brief(ctx, parse_period("2025Q1"), None, Path(tmp) / "work.pdf", formal=False)
    return t.ms
