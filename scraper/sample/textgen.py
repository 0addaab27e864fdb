"""Synthetic Vietnamese district-portal news, deterministic and pure Python.

`make_article(i, rng)` returns a record shaped like `Article.to_dict()`: a title, a ~3 KB body of
government-news Vietnamese (committees, meetings, new countryside, digital transformation...),
a day-first `published_text`, views, author, category, images with captions, attachments. Word
frequencies are skewed the way real news is ("của", "huyện", "ủy ban" in nearly every article,
place names and topics far rarer), and both tone placements (hoá/hóa, thuý/thúy) and the
look-alike Ð (U+00D0) occur, so search benchmarks and tests see what real portals give.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta

__all__ = ["make_article", "make_title", "make_body", "make_sentence", "HOSTS", "CATEGORIES", "DISTRICTS", "COMMUNES",
           "ORGS", "VERBS", "NOUNS", "CONNECT"]

HOSTS = ["yenlap.phutho.gov.vn", "camkhe.phutho.gov.vn", "doanhung.phutho.gov.vn", "hahoa.phutho.gov.vn",
         "lamthao.phutho.gov.vn", "phuninh.phutho.gov.vn", "tamnong.phutho.gov.vn", "tanson.phutho.gov.vn",
         "thanhba.phutho.gov.vn", "thanhson.phutho.gov.vn", "thanhthuy.phutho.gov.vn", "viettri.phutho.gov.vn",
         "thixaphutho.phutho.gov.vn"]
DISTRICTS = ["Yên Lập", "Cẩm Khê", "Đoan Hùng", "Hạ Hòa", "Lâm Thao", "Phù Ninh", "Tam Nông", "Tân Sơn",
             "Thanh Ba", "Thanh Sơn", "Thanh Thủy", "Việt Trì", "Phú Thọ"]
COMMUNES = ["Xuân Viên", "Xuân An", "Mỹ Lung", "Mỹ Lương", "Lương Sơn", "Đồng Thịnh", "Hưng Long", "Minh Hòa",
            "Ngọc Lập", "Ngọc Đồng", "Phúc Khánh", "Thượng Long", "Nga Hoàng", "Trung Sơn", "Đồng Lạc",
            "Xuân Thủy", "Tân Phú", "Văn Miếu", "Hương Cần", "Tất Thắng", "Địch Quả", "Cự Đồng", "Sơn Hùng",
            "Thạch Khoán", "Hoàng Xá", "Đào Xá", "Tu Vũ", "Sơn Vi", "Hiền Lương", "Vĩnh Chân", "Quân Khê"]
CATEGORIES = ["Tin tức - Sự kiện", "Chính trị", "Kinh tế", "Văn hóa - Xã hội", "Quốc phòng - An ninh",
              "Nông nghiệp", "Giáo dục", "Y tế", "Chuyển đổi số", "Thông báo", "Cải cách hành chính"]
ORGS = ["Ủy ban nhân dân huyện", "UBND huyện", "Huyện ủy", "Ban Thường vụ Huyện ủy", "Hội đồng nhân dân huyện",
        "Ủy ban Mặt trận Tổ quốc huyện", "Đảng ủy xã", "UBND xã", "Hội Nông dân huyện", "Hội Liên hiệp Phụ nữ huyện",
        "Huyện đoàn", "Hội Cựu chiến binh huyện", "Phòng Giáo dục và Đào tạo", "Trung tâm Y tế huyện",
        "Phòng Tài nguyên và Môi trường", "Phòng Nông nghiệp và Phát triển nông thôn", "Công an huyện",
        "Ban Chỉ huy Quân sự huyện", "Ban Dân vận Huyện ủy", "Phòng Văn hóa và Thông tin", "Chi cục Thuế khu vực",
        "Ngân hàng Chính sách xã hội huyện", "Ban Tuyên giáo Huyện ủy", "Ủy ban Kiểm tra Huyện ủy"]
VERBS = ["tổ chức", "triển khai", "kiểm tra", "tổng kết", "phát động", "hướng dẫn", "tuyên truyền", "giám sát",
         "khai mạc", "bế mạc", "ký kết", "trao tặng", "thăm và làm việc với", "đối thoại với", "chỉ đạo",
         "rà soát", "đánh giá", "hỗ trợ", "phối hợp với", "tập huấn cho", "khảo sát", "biểu dương", "quán triệt"]
TOPICS = ["xây dựng nông thôn mới", "nông thôn mới kiểu mẫu", "chuyển đổi số", "cải cách hành chính",
          "phòng, chống thiên tai", "phòng chống dịch bệnh", "an toàn giao thông", "an ninh trật tự",
          "Dân vận khéo", "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "bảo vệ môi trường",
          "giảm nghèo bền vững", "chương trình mục tiêu quốc gia", "phát triển kinh tế - xã hội",
          "sản xuất vụ Đông", "trồng rừng sản xuất", "chăn nuôi an toàn sinh học", "thu ngân sách nhà nước",
          "phổ biến, giáo dục pháp luật", "tuyển chọn và gọi công dân nhập ngũ", "bầu cử đại biểu Quốc hội",
          "sáp nhập đơn vị hành chính", "kỳ thi tốt nghiệp trung học phổ thông", "tiêm chủng mở rộng",
          "phát triển sản phẩm OCOP", "vệ sinh an toàn thực phẩm", "hóa đơn điện tử", "thủy lợi nội đồng",
          "cấp giấy chứng nhận quyền sử dụng đất", "bảo hiểm xã hội tự nguyện", "văn hoá cơ sở",
          "khuyến học, khuyến tài", "thương binh liệt sỹ", "đền ơn đáp nghĩa", "hòa giải ở cơ sở"]
PEOPLE = ["đồng chí Bí thư Huyện ủy", "đồng chí Chủ tịch UBND huyện", "đồng chí Phó Chủ tịch UBND huyện",
          "đồng chí Trưởng ban Dân vận", "lãnh đạo các phòng, ban, ngành", "cán bộ, đảng viên",
          "đại diện các hộ dân", "đoàn viên thanh niên", "hội viên nông dân", "các đại biểu",
          "Bí thư chi bộ", "trưởng khu dân cư", "các thầy cô giáo và học sinh", "y, bác sỹ"]
NOUNS = ["kết quả", "nhiệm vụ", "giải pháp", "kế hoạch", "chỉ tiêu", "mô hình", "phong trào", "hội nghị",
         "công tác", "chương trình", "dự án", "công trình", "tiêu chí", "nguồn vốn", "hộ gia đình", "người dân",
         "doanh nghiệp", "hợp tác xã", "thủ tục hành chính", "hồ sơ", "văn bản", "báo cáo", "tờ trình",
         "nghị quyết", "quyết định", "thông báo", "trường học", "trạm y tế", "nhà văn hóa", "đường giao thông",
         "kênh mương", "cây chè", "cây bưởi", "gỗ keo", "đàn trâu bò", "thủy sản", "lúa chất lượng cao"]
ADJ = ["hiệu quả", "thiết thực", "nghiêm túc", "kịp thời", "đồng bộ", "bền vững", "tích cực", "sâu rộng",
       "chặt chẽ", "đúng quy định", "an toàn", "trang trọng", "sôi nổi", "thuận lợi", "khó khăn", "cụ thể"]
CONNECT = ["Theo đó,", "Tại hội nghị,", "Bên cạnh đó,", "Qua đó,", "Trong năm,", "Đến nay,", "Dịp này,",
           "Phát biểu chỉ đạo,", "Cũng tại buổi làm việc,", "Trong thời gian tới,", "Được biết,", "Kết quả,",
           "Ngay sau hội nghị,", "Nhân dịp này,", "Để đạt được kết quả trên,"]
OLD_NEW = {"hóa": "hoá", "thủy": "thuỷ", "hòa": "hoà", "sỹ": "sĩ", "khỏe": "khoẻ", "thúy": "thuý", "lũy": "luỹ"}
FIRST = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Hà", "Đinh", "Bùi", "Đỗ", "Vũ", "Đặng", "Ngô", "Dương"]
MIDDLE = ["Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc", "Hồng", "Quang", "Thanh", "Kim", "Xuân"]
LAST = ["Hùng", "Lan", "Thúy", "Dũng", "Hà", "Sơn", "Hương", "Tuấn", "Trang", "Long", "Hoa", "Nam", "Yến"]


def _pick(rng: random.Random, items: list[str]) -> str:
    # Squaring the uniform draw skews toward the head of each list, like real word frequencies.
    return items[int(len(items) * rng.random() ** 2)]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _variant(rng: random.Random, text: str) -> str:
    """Old tone placement ("hoá", "thuý") in about a third of texts; the rare look-alike Ð."""
    if rng.random() < 0.33:
        for new, old in OLD_NEW.items():
            text = text.replace(new, old)
    if rng.random() < 0.02:
        text = text.replace("Đ", "Ð")  # U+00D0, seen on real portals
    return text


def make_sentence(rng: random.Random) -> str:
    shape = rng.random()
    org, verb, topic = _pick(rng, ORGS), _pick(rng, VERBS), _pick(rng, TOPICS)
    place = f"xã {_pick(rng, COMMUNES)}"
    if shape < 0.3:
        s = f"{_pick(rng, CONNECT)} {org} đã {verb} {_pick(rng, NOUNS)} về {topic} tại {place}"
    elif shape < 0.55:
        s = (f"{_upper_first(_pick(rng, PEOPLE))} đề nghị các đơn vị tiếp tục {verb} {_pick(rng, NOUNS)} "
             f"{topic} một cách {_pick(rng, ADJ)}, {_pick(rng, ADJ)}")
    elif shape < 0.75:
        n = rng.randint(2, 98)
        s = (f"Toàn huyện có {n} {_pick(rng, NOUNS)} đạt chuẩn, tăng {rng.randint(1, 20)}% so với cùng kỳ; "
             f"{place} là đơn vị dẫn đầu về {topic}")
    elif shape < 0.9:
        s = (f"{_pick(rng, CONNECT)} {_pick(rng, PEOPLE)} đã thảo luận, làm rõ {_pick(rng, NOUNS)}, "
             f"{_pick(rng, NOUNS)} và {_pick(rng, NOUNS)} trong {topic}")
    else:
        s = (f"Hội nghị thống nhất {_pick(rng, NOUNS)} {_pick(rng, ADJ)} nhằm thực hiện thắng lợi nghị quyết "
             f"Đại hội Đảng bộ huyện {_pick(rng, DISTRICTS)} nhiệm kỳ 2020 - 2025")
    return s[0].upper() + s[1:] + "."


def make_title(rng: random.Random) -> str:
    shape = rng.random()
    district = _pick(rng, DISTRICTS)
    if shape < 0.4:
        title = f"{_pick(rng, ORGS)} {district} {_pick(rng, VERBS)} {_pick(rng, TOPICS)}"
    elif shape < 0.7:
        title = f"{_upper_first(_pick(rng, TOPICS))} ở xã {_pick(rng, COMMUNES)}"
    else:
        title = f"{district}: {_pick(rng, NOUNS)} {_pick(rng, TOPICS)} năm {rng.randint(2012, 2026)}"
    return title[0].upper() + title[1:]


def make_body(rng: random.Random, target_bytes: int = 3000) -> str:
    paragraphs, size = [], 0
    while size < target_bytes:
        para = " ".join(make_sentence(rng) for _ in range(rng.randint(2, 4)))
        paragraphs.append(para)
        size += len(para.encode("utf-8")) + 2
    return "\n\n".join(paragraphs)


def make_article(i: int, rng: random.Random | None = None, *, hosts: list[str] | None = None,
                 start: datetime = datetime(2012, 1, 1), days: int = 5400, body_bytes: int = 3000) -> dict:
    """Article number `i` (deterministic for a given rng state, or for `i` alone when rng is None)."""
    rng = rng or random.Random(i)
    hosts = hosts or HOSTS
    host = hosts[i % len(hosts)]
    when = start + timedelta(days=rng.randrange(days), minutes=rng.randrange(7 * 60, 18 * 60))
    date_only = rng.random() < 0.3
    published = when.strftime("%Y-%m-%d") if date_only else when.strftime("%Y-%m-%dT%H:%M:00+07:00")
    published_text = when.strftime("%d/%m/%Y") if date_only else when.strftime("%d/%m/%Y %H:%M")
    title = _variant(rng, make_title(rng))
    images = []
    for n in range(rng.choice([0, 1, 1, 2, 2, 3, 4])):
        caption = None if rng.random() < 0.2 else _variant(rng, f"Ảnh: {make_sentence(rng)[:-1]}")
        images.append({"url": f"http://{host}/uploads/news/{i}_{n}.jpg", "caption": caption, "alt": title})
    attachments = []
    if rng.random() < 0.15:
        attachments.append({"url": f"http://{host}/uploads/files/{i}.pdf", "name": f"Kế hoạch số {i % 500}/KH-UBND"})
    author = f"{_pick(rng, FIRST)} {_pick(rng, MIDDLE)} {_pick(rng, LAST)}"
    return {
        "url": f"http://{host}/tin-tuc/bai-viet/id/tin-{i}",
        "site": host,
        "title": title,
        "published": published,
        "published_text": f"Cập nhật: {published_text}",
        "views": int(rng.lognormvariate(5.5, 1.2)),
        "author": author,
        "category": _pick(rng, CATEGORIES),
        "body": _variant(rng, make_body(rng, body_bytes)),
        "body_html": None,
        "images": images,
        "attachments": attachments,
        "family": "synthetic",
    }
