"""The demo content `make run` shows: our own Vietnamese articles, drawn pictures and tunes."""

import colorsys
import math
import struct
import wave
from dataclasses import dataclass
from datetime import timedelta
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont, ImageOps

from core.text import vietnamese_slugify
from news.models import Article, Category
from sidebar.models import Song, TownMap, WebsiteLink

# --- What the demo holds ---------------------------------------------------------------------


@dataclass(frozen=True)
class DemoCategory:
    slug: str
    name: str
    order: int
    parent: str = ""


@dataclass(frozen=True)
class DemoArticle:
    category: str
    title: str
    lead: str
    paragraphs: tuple[str, ...]
    cover_caption: str
    author_line: str
    # Negative: scheduled that many days ahead, so the demo shows an article not yet public.
    days_ago: float
    is_featured: bool = False
    is_draft: bool = False
    # A list or table shown between the article's own paragraphs.
    block: str = ""

    @property
    def slug(self):
        return vietnamese_slugify(self.title)


CATEGORIES = (
    DemoCategory("tin-tuc-su-kien", "Tin tức - Sự kiện", 1),
    DemoCategory("chinh-tri", "Chính trị", 2),
    DemoCategory("kinh-te", "Kinh tế", 3),
    DemoCategory("van-hoa-xa-hoi", "Văn hóa - Xã hội", 4),
    DemoCategory("giao-duc", "Giáo dục", 5, parent="van-hoa-xa-hoi"),
    DemoCategory("thong-bao", "Thông báo", 6),
)

# Closing paragraphs each category's articles share; every article takes one or two of them.
CLOSINGS = {
    "tin-tuc-su-kien": (
        "Phát biểu tại buổi lễ, lãnh đạo thị xã ghi nhận sự đồng lòng của người dân và các lực "
        "lượng tham gia, đồng thời đề nghị các địa phương duy trì, phát huy kết quả đạt được. "
        "Các phòng, ban chuyên môn được giao theo dõi, đôn đốc và báo cáo tiến độ định kỳ.",
        "Nhiều người dân cho biết họ rất phấn khởi khi thấy những thay đổi cụ thể ngay tại nơi "
        "mình sinh sống. Theo họ, khi chính quyền công khai kế hoạch và lắng nghe ý kiến, bà con "
        "sẵn sàng góp công, góp sức để công việc chung sớm hoàn thành.",
        "Thời gian tới, thị xã tiếp tục huy động các nguồn lực để đầu tư hạ tầng, chỉnh trang đô "
        "thị và nâng cao chất lượng cuộc sống của Nhân dân, hướng tới mục tiêu xây dựng đô thị "
        "văn minh, hiện đại.",
    ),
    "chinh-tri": (
        "Phát biểu kết luận, lãnh đạo Thị ủy đề nghị các cấp ủy, chính quyền tiếp tục đổi mới "
        "phương thức lãnh đạo, nói đi đôi với làm, lấy sự hài lòng của người dân làm thước đo "
        "hiệu quả công việc.",
        "Các ý kiến thảo luận đều thống nhất cần tăng cường đối thoại trực tiếp với Nhân dân, kịp "
        "thời nắm bắt tâm tư, nguyện vọng và giải quyết dứt điểm những vấn đề phát sinh ngay từ "
        "cơ sở.",
        "Hội nghị cũng dành thời gian đánh giá việc thực hiện các nhiệm vụ trọng tâm, chỉ rõ những "
        "việc đã làm được, những việc còn chậm và phân công cụ thể trách nhiệm của từng tập thể, "
        "cá nhân.",
    ),
    "kinh-te": (
        "Theo Phòng Kinh tế thị xã, thời gian tới địa phương tiếp tục rà soát quy hoạch vùng sản "
        "xuất, khuyến khích liên kết giữa người sản xuất với doanh nghiệp và hợp tác xã để ổn "
        "định đầu ra cho sản phẩm.",
        "Bên cạnh sản xuất, thị xã chú trọng hỗ trợ người dân tiếp cận nguồn vốn ưu đãi, ứng dụng "
        "khoa học kỹ thuật và quảng bá sản phẩm trên các sàn thương mại điện tử.",
        "Những kết quả này góp phần nâng cao thu nhập của người dân, tạo nguồn lực cho xây dựng "
        "nông thôn mới và phát triển đô thị bền vững.",
    ),
    "van-hoa-xa-hoi": (
        "Hoạt động nhận được sự hưởng ứng nhiệt tình của người dân, nhất là người cao tuổi và "
        "thanh thiếu niên. Đây cũng là dịp để các thế hệ giao lưu, gắn kết, cùng nhau xây dựng "
        "đời sống văn hóa lành mạnh ở khu dân cư.",
        "Lãnh đạo địa phương cho biết sẽ tiếp tục phối hợp với các đoàn thể và nhà hảo tâm để duy "
        "trì hoạt động thường xuyên, quan tâm nhiều hơn đến những gia đình có hoàn cảnh khó khăn.",
        "Qua hoạt động, nhận thức của người dân về chăm sóc sức khỏe, giữ gìn bản sắc văn hóa và "
        "xây dựng nếp sống văn minh ngày càng được nâng lên.",
    ),
    "giao-duc": (
        "Đại diện ngành giáo dục mong muốn đội ngũ thầy cô tiếp tục đổi mới phương pháp dạy học, "
        "quan tâm đến từng học sinh, để mỗi ngày đến trường thực sự là một ngày vui.",
        "Hội Khuyến học và các nhà hảo tâm đã trao nhiều suất học bổng, xe đạp và sách vở cho học "
        "sinh vượt khó học tốt, giúp các em có thêm động lực đến trường.",
        "Ngành giáo dục thị xã cũng tăng cường phối hợp với gia đình và chính quyền địa phương để "
        "bảo đảm an toàn trường học, phòng chống đuối nước và tai nạn giao thông cho học sinh.",
    ),
    "thong-bao": (
        "UBND thị xã đề nghị các phòng, ban, đơn vị và UBND các phường, xã thông báo rộng rãi nội "
        "dung này trên hệ thống truyền thanh cơ sở và tại nhà văn hóa các tổ dân phố, thôn để "
        "người dân được biết.",
        "Thông tin chi tiết được niêm yết công khai tại trụ sở UBND thị xã, UBND các phường, xã và "
        "đăng tải trên Cổng thông tin điện tử thị xã.",
        "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ Văn phòng HĐND và UBND thị "
        "xã trong giờ hành chính để được hướng dẫn.",
    ),
}

MEDIA_CENTRE = "Trung tâm Văn hóa - Truyền thông thị xã"
TOWN_OFFICE = "Văn phòng HĐND và UBND thị xã"
ECONOMY_OFFICE = "Phòng Kinh tế thị xã"
EDUCATION_OFFICE = "Phòng Giáo dục và Đào tạo thị xã"
HEALTH_CENTRE = "Trung tâm Y tế thị xã"
POLICE = "Công an thị xã"

BUDGET_TABLE = (
    "<table><thead><tr><th>Khoản thu</th><th>Ước thực hiện 9 tháng (tỷ đồng)</th>"
    "<th>So với dự toán</th></tr></thead><tbody>"
    "<tr><td>Thuế ngoài quốc doanh</td><td>38,4</td><td>91%</td></tr>"
    "<tr><td>Lệ phí trước bạ</td><td>21,7</td><td>88%</td></tr>"
    "<tr><td>Phí, lệ phí</td><td>6,2</td><td>95%</td></tr>"
    "<tr><td>Tiền sử dụng đất</td><td>64,5</td><td>71%</td></tr>"
    "<tr><td><strong>Tổng thu</strong></td><td><strong>130,8</strong></td>"
    "<td><strong>82%</strong></td></tr>"
    "</tbody></table>"
)

ARTICLES = (
    # Tin tức - Sự kiện
    DemoArticle(
        "tin-tuc-su-kien",
        "Khánh thành cầu bê tông nối hai bờ kênh Đông",
        "Sau gần sáu tháng thi công, cây cầu bê tông dài 42 mét bắc qua kênh Đông đã chính thức "
        "thông xe, giúp người dân xã Tân Lộc rút ngắn gần 5 km đường vào trung tâm thị xã.",
        (
            "Sáng nay, UBND thị xã phối hợp với UBND xã Tân Lộc tổ chức lễ khánh thành và đưa vào "
            "sử dụng cầu kênh Đông. Công trình có tổng mức đầu tư <strong>11,8 tỷ đồng</strong> "
            "từ ngân sách tỉnh, ngân sách thị xã và đóng góp tự nguyện của Nhân dân.",
            "Cầu rộng 7 mét, có lan can và đèn chiếu sáng dùng năng lượng mặt trời, chịu được tải "
            "trọng xe 13 tấn. Trước đây, mỗi mùa mưa lũ, học sinh và bà con hai thôn ven kênh phải "
            "đi đò hoặc vòng qua đê bao, rất vất vả và tiềm ẩn nhiều nguy cơ mất an toàn.",
        ),
        "Cầu kênh Đông trong ngày thông xe.",
        MEDIA_CENTRE,
        0.2,
        is_featured=True,
    ),
    DemoArticle(
        "tin-tuc-su-kien",
        "Ra quân làm sạch đường phố hưởng ứng Ngày Chủ nhật xanh",
        "Hàng trăm đoàn viên, hội viên và người dân các tổ dân phố đã cùng nhau thu gom rác thải, "
        "phát quang bụi rậm và trồng thêm cây xanh dọc các tuyến phố chính.",
        (
            "Hưởng ứng phong trào “Ngày Chủ nhật xanh”, từ 6 giờ sáng, đoàn viên thanh niên, hội "
            "viên phụ nữ, cựu chiến binh cùng người dân 12 tổ dân phố đã có mặt tại các điểm tập "
            "kết. Mỗi khu dân cư được giao phụ trách một đoạn đường và một khu vực công cộng.",
            "Kết thúc buổi ra quân, các lực lượng đã thu gom <strong>hơn 8 tấn rác thải</strong>, "
            "nạo vét 2,5 km rãnh thoát nước và trồng mới 150 cây bóng mát. Nhiều hộ gia đình còn "
            "tự nguyện đặt chậu hoa trước cửa nhà, góp phần làm phố phường thêm xanh, sạch, đẹp.",
        ),
        "Đoàn viên thanh niên thu gom rác thải trên tuyến phố chính.",
        "Thị đoàn",
        3.4,
    ),
    DemoArticle(
        "tin-tuc-su-kien",
        "Diễn tập phòng cháy, chữa cháy tại chợ trung tâm thị xã",
        "Buổi diễn tập giả định một đám cháy bùng phát tại khu hàng vải vào giờ cao điểm, huy "
        "động gần 100 người cùng nhiều phương tiện chữa cháy chuyên dụng tham gia.",
        (
            "Tình huống giả định là một quầy hàng vải bị chập điện, lửa nhanh chóng lan sang các "
            "ki-ốt bên cạnh trong lúc chợ đông người. Ngay khi phát hiện, lực lượng bảo vệ chợ đã "
            "hô hoán, ngắt cầu dao tổng, dùng bình chữa cháy tại chỗ và hướng dẫn tiểu thương, "
            "khách hàng thoát ra ngoài theo lối thoát nạn.",
            "Chỉ ít phút sau, lực lượng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ có mặt, "
            "triển khai các lăng phun nước và đưa “nạn nhân” ra khỏi khu vực nguy hiểm. Qua diễn "
            "tập, tiểu thương được trang bị thêm <strong>kỹ năng xử lý ban đầu</strong> khi có sự "
            "cố cháy nổ.",
        ),
        "Lực lượng chữa cháy tiếp cận khu vực giả định xảy ra cháy.",
        POLICE,
        1.1,
        is_featured=True,
    ),
    DemoArticle(
        "tin-tuc-su-kien",
        "Hơn 300 vận động viên tham gia giải chạy việt dã vì sức khỏe cộng đồng",
        "Giải chạy năm nay có ba cự ly 3 km, 5 km và 10 km, thu hút đông đảo học sinh, cán bộ, "
        "công chức và người dân ở mọi lứa tuổi tham gia.",
        (
            "Đường chạy xuất phát từ quảng trường thị xã, đi qua các tuyến phố trung tâm, men theo "
            "bờ hồ điều hòa rồi quay về điểm đích. Ban tổ chức bố trí các trạm tiếp nước, đội y tế "
            "và tình nguyện viên dọc tuyến để bảo đảm an toàn cho vận động viên.",
            "Vận động viên nhiều tuổi nhất năm nay đã 71 tuổi, hoàn thành cự ly 5 km trong sự cổ "
            "vũ nhiệt tình của khán giả. Ban tổ chức đã trao <strong>36 bộ huy chương</strong> cho "
            "các vận động viên có thành tích cao ở từng cự ly và nhóm tuổi.",
        ),
        "Các vận động viên xuất phát tại quảng trường thị xã.",
        MEDIA_CENTRE,
        9.5,
    ),
    DemoArticle(
        "tin-tuc-su-kien",
        "Nâng cấp tuyến đường liên phường Bắc Sơn - Nam Giang",
        "Tuyến đường dài 2,3 km được mở rộng mặt đường, làm mới hệ thống thoát nước và vỉa hè, dự "
        "kiến hoàn thành trước mùa mưa bão.",
        (
            "Đây là tuyến đường có mật độ giao thông cao, nối khu dân cư phía Bắc với chợ trung "
            "tâm và các trường học. Sau nhiều năm sử dụng, mặt đường đã xuống cấp, xuất hiện nhiều "
            "ổ gà, gây ngập úng cục bộ mỗi khi có mưa lớn.",
            "Theo thiết kế, mặt đường được mở rộng từ 5,5 mét lên <strong>9 mét</strong>, hai bên "
            "có vỉa hè lát gạch và dải cây xanh. Đơn vị thi công cam kết phân luồng hợp lý, làm "
            "cuốn chiếu từng đoạn để hạn chế ảnh hưởng đến việc đi lại và buôn bán của người dân.",
        ),
        "Thi công mở rộng mặt đường liên phường.",
        "Ban Quản lý dự án đầu tư xây dựng thị xã",
        17.3,
    ),
    DemoArticle(
        "tin-tuc-su-kien",
        "Lắp đặt 120 camera giám sát an ninh tại các tuyến phố chính",
        "Hệ thống camera được kết nối về trung tâm điều hành, hỗ trợ lực lượng chức năng giữ gìn "
        "an ninh trật tự và xử lý vi phạm giao thông.",
        (
            "Mô hình “Camera an ninh” được triển khai theo phương châm Nhà nước và Nhân dân cùng "
            "làm. Các camera được lắp tại nút giao, cổng trường học, khu chợ và những điểm thường "
            "xảy ra ùn tắc hoặc mất trật tự.",
            "Sau ba tháng hoạt động, hình ảnh từ hệ thống đã giúp lực lượng công an nhanh chóng "
            "làm rõ <strong>9 vụ việc</strong> trộm cắp tài sản và nhiều trường hợp vi phạm trật "
            "tự an toàn giao thông. Người dân mong muốn mô hình được mở rộng về các tổ dân phố.",
        ),
        "Cán bộ kỹ thuật lắp đặt camera tại nút giao trung tâm.",
        POLICE,
        26.2,
    ),
    DemoArticle(
        "tin-tuc-su-kien",
        "Hoàn thành di dời đường dây điện trung thế tại khu dân cư mới phía Nam",
        "Việc di dời đường dây giúp giải phóng mặt bằng cho 64 lô đất ở và bảo đảm hành lang an "
        "toàn lưới điện.",
        (
            "Điện lực thị xã đã phối hợp với chủ đầu tư hoàn thành di dời 1,2 km đường dây trung "
            "thế và 3 trạm biến áp ra khỏi khu quy hoạch. Trong thời gian thi công, đơn vị cắt "
            "điện theo từng khu vực và thông báo trước để người dân chủ động sinh hoạt.",
            "Sau khi di dời, toàn bộ đường dây hạ thế trong khu dân cư được <strong>hạ ngầm"
            "</strong>, vừa bảo đảm an toàn vừa tạo cảnh quan gọn gàng. Các hộ nhận đất trong khu "
            "quy hoạch có thể đăng ký cấp điện ngay khi xây dựng nhà ở.",
        ),
        "Công nhân điện lực kéo dây trên tuyến mới.",
        "Điện lực thị xã",
        0.5,
        is_draft=True,
    ),
    # Chính trị
    DemoArticle(
        "chinh-tri",
        "Kỳ họp chuyên đề HĐND thị xã thông qua 6 nghị quyết quan trọng",
        "Các nghị quyết tập trung vào điều chỉnh kế hoạch đầu tư công, hỗ trợ phát triển nông "
        "nghiệp và chỉnh trang đô thị trong năm tới.",
        (
            "Kỳ họp diễn ra trong một buổi với tinh thần khẩn trương, dân chủ. Các đại biểu đã "
            "nghe tờ trình, báo cáo thẩm tra của các ban HĐND và thảo luận kỹ từng dự thảo nghị "
            "quyết trước khi biểu quyết.",
            "Kỳ họp đã thông qua <strong>6 nghị quyết</strong>, trong đó có nghị quyết điều chỉnh "
            "kế hoạch đầu tư công trung hạn, nghị quyết về chính sách hỗ trợ sản xuất nông nghiệp "
            "hàng hóa và nghị quyết đặt tên một số tuyến đường, công trình công cộng.",
        ),
        "Các đại biểu biểu quyết thông qua nghị quyết.",
        TOWN_OFFICE,
        2.3,
    ),
    DemoArticle(
        "chinh-tri",
        "Tiếp xúc cử tri trước kỳ họp thường lệ cuối năm",
        "Tại các buổi tiếp xúc, cử tri tập trung kiến nghị về hạ tầng giao thông nông thôn, xử lý "
        "rác thải và thủ tục cấp giấy chứng nhận quyền sử dụng đất.",
        (
            "Tổ đại biểu HĐND thị xã đã tiếp xúc cử tri tại 4 điểm thuộc các phường, xã. Đại biểu "
            "thông tin đến cử tri kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội từ đầu "
            "năm và nội dung dự kiến trình tại kỳ họp.",
            "Cử tri đề nghị sớm nâng cấp tuyến kênh tưới tiêu, bố trí thêm điểm tập kết rác và "
            "rút ngắn thời gian giải quyết hồ sơ đất đai. Lãnh đạo các phòng, ban chuyên môn đã "
            "<strong>giải trình ngay tại hội nghị</strong> các kiến nghị thuộc thẩm quyền.",
        ),
        "Cử tri phát biểu ý kiến tại buổi tiếp xúc.",
        TOWN_OFFICE,
        12.4,
    ),
    DemoArticle(
        "chinh-tri",
        "Sơ kết 6 tháng thực hiện chương trình chuyển đổi số",
        "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận và giải quyết trực tuyến đã vượt chỉ tiêu, "
        "nhiều tổ công nghệ số cộng đồng hoạt động hiệu quả.",
        (
            "Đến nay, <strong>100% cơ quan, đơn vị</strong> trên địa bàn sử dụng văn bản điện tử "
            "và chữ ký số. Các tổ công nghệ số cộng đồng đã đến từng hộ gia đình hướng dẫn người "
            "dân cài đặt ứng dụng định danh điện tử và thanh toán không dùng tiền mặt.",
            "Hội nghị cũng chỉ ra một số hạn chế như hạ tầng mạng ở vài thôn còn yếu, một bộ phận "
            "người cao tuổi chưa quen dùng dịch vụ trực tuyến. Thị xã đặt mục tiêu đến cuối năm, "
            "mỗi hộ gia đình có ít nhất một người biết sử dụng dịch vụ công trực tuyến.",
        ),
        "Tổ công nghệ số cộng đồng hướng dẫn người dân nộp hồ sơ trực tuyến.",
        "Phòng Văn hóa và Thông tin thị xã",
        20.1,
    ),
    DemoArticle(
        "chinh-tri",
        "Tổng kết phong trào thi đua Dân vận khéo giai đoạn 5 năm",
        "Qua 5 năm, toàn thị xã đã xây dựng hơn 200 mô hình dân vận khéo trên các lĩnh vực, góp "
        "phần phát triển kinh tế và giữ vững ổn định xã hội.",
        (
            "Nhiều mô hình đã trở thành điểm sáng như “Tuyến đường hoa do phụ nữ tự quản”, “Tổ "
            "hòa giải ở cơ sở giỏi”, “Nhóm hộ liên kết sản xuất rau an toàn”. Các mô hình đều xuất "
            "phát từ nhu cầu thực tế, được chính người dân tham gia xây dựng và duy trì.",
            "Tại hội nghị, <strong>15 tập thể và 22 cá nhân</strong> có thành tích tiêu biểu đã "
            "được khen thưởng. Thị xã yêu cầu các cấp nhân rộng những mô hình hiệu quả, gắn phong "
            "trào với việc giải quyết những vấn đề bức xúc ở cơ sở.",
        ),
        "Trao thưởng cho các tập thể tiêu biểu.",
        "Ban Dân vận Thị ủy",
        31.5,
    ),
    DemoArticle(
        "chinh-tri",
        "Đại hội Hội Cựu chiến binh phường Nam Giang nhiệm kỳ mới",
        "Đại hội đề ra mục tiêu giữ vững 100% chi hội vững mạnh, giúp hội viên phát triển kinh tế "
        "và tham gia giữ gìn an ninh trật tự ở khu dân cư.",
        (
            "Nhiệm kỳ qua, Hội đã vận động hội viên giúp nhau hơn 400 ngày công, hỗ trợ vốn cho 27 "
            "hộ phát triển sản xuất và xây dựng 2 nhà nghĩa tình đồng đội. Nhiều hội viên là tấm "
            "gương sáng trong lao động sản xuất và công tác ở khu dân cư.",
            "Đại hội đã bầu Ban Chấp hành nhiệm kỳ mới gồm <strong>9 đồng chí</strong> và bầu đoàn "
            "đại biểu dự đại hội cấp trên. Các đại biểu thống nhất thông qua nghị quyết với ba "
            "khâu đột phá và năm chỉ tiêu chủ yếu.",
        ),
        "Quang cảnh đại hội.",
        "Hội Cựu chiến binh thị xã",
        38.2,
    ),
    # Kinh tế
    DemoArticle(
        "kinh-te",
        "Lúa hè thu được mùa, năng suất bình quân đạt 58 tạ/ha",
        "Nhờ thời tiết thuận lợi và các giống lúa chất lượng cao, năng suất vụ hè thu năm nay tăng "
        "gần 4 tạ/ha so với cùng kỳ.",
        (
            "Toàn thị xã gieo cấy hơn <strong>1.150 ha lúa hè thu</strong>, trong đó diện tích "
            "giống chất lượng cao chiếm trên 70%. Ngay từ đầu vụ, ngành nông nghiệp đã chỉ đạo "
            "gieo cấy tập trung theo vùng, cơ giới hóa đồng bộ từ khâu làm đất đến thu hoạch.",
            "Đến nay bà con đã thu hoạch gần 80% diện tích. Với giá lúa tươi ổn định, nhiều hộ cho "
            "biết lãi mỗi sào cao hơn vụ trước. Cán bộ khuyến nông khuyến cáo nông dân thu hoạch "
            "dứt điểm, phơi sấy kịp thời để tránh thiệt hại nếu gặp mưa.",
        ),
        "Máy gặt đập liên hợp thu hoạch lúa trên cánh đồng mẫu.",
        ECONOMY_OFFICE,
        4.1,
        is_featured=True,
    ),
    DemoArticle(
        "kinh-te",
        "Hợp tác xã rau sạch Đồng Xanh mở rộng nhà lưới lên 3 ha",
        "Với sự hỗ trợ của chương trình phát triển nông nghiệp hàng hóa, hợp tác xã đầu tư thêm "
        "nhà lưới và hệ thống tưới nhỏ giọt, cung ứng rau cho các bếp ăn trường học.",
        (
            "Hợp tác xã có 26 thành viên, sản xuất theo quy trình VietGAP với các loại rau ăn lá, "
            "dưa lưới và cà chua. Sản phẩm được dán tem truy xuất nguồn gốc, cung cấp thường xuyên "
            "cho các trường mầm non, siêu thị mini và cửa hàng thực phẩm sạch trong tỉnh.",
            "Diện tích nhà lưới mở rộng giúp hợp tác xã chủ động sản xuất trái vụ, hạn chế sâu "
            "bệnh và giảm tới <strong>40% lượng nước tưới</strong>. Thu nhập bình quân của mỗi "
            "thành viên đạt khoảng 8 triệu đồng mỗi tháng.",
        ),
        "Thành viên hợp tác xã chăm sóc dưa lưới trong nhà lưới.",
        ECONOMY_OFFICE,
        8.3,
    ),
    DemoArticle(
        "kinh-te",
        "Chợ phiên nông sản cuối tuần thu hút đông người mua",
        "Phiên chợ họp vào sáng chủ nhật hằng tuần tại quảng trường, giới thiệu nông sản an toàn "
        "và đặc sản của các phường, xã.",
        (
            "Mỗi phiên có khoảng 40 gian hàng của hợp tác xã, tổ hợp tác và hộ sản xuất, bày bán "
            "rau củ, trái cây, gạo, mật ong, chè xanh và các sản phẩm OCOP của địa phương. Hàng "
            "hóa đều có nguồn gốc rõ ràng, được niêm yết giá công khai.",
            "Theo ban quản lý, doanh thu bình quân mỗi phiên đạt <strong>trên 120 triệu "
            "đồng</strong>. Nhiều gian hàng đã nhận thanh toán bằng mã QR, giúp người mua thuận "
            "tiện và người bán dễ quản lý doanh thu.",
        ),
        "Người dân mua sắm tại chợ phiên nông sản.",
        MEDIA_CENTRE,
        14.6,
    ),
    DemoArticle(
        "kinh-te",
        "Thu ngân sách 9 tháng đạt 82% dự toán năm",
        "Nhiều khoản thu chủ yếu đạt khá, nhưng thu tiền sử dụng đất còn chậm do thị trường bất "
        "động sản trầm lắng.",
        (
            "Theo báo cáo của Phòng Tài chính - Kế hoạch, tổng thu ngân sách trên địa bàn 9 tháng "
            "ước đạt <strong>82% dự toán</strong> năm, tăng 6% so với cùng kỳ. Các khoản thu từ "
            "khu vực kinh tế ngoài quốc doanh, lệ phí trước bạ và phí, lệ phí đều vượt tiến độ.",
            "Để hoàn thành dự toán, UBND thị xã yêu cầu đẩy nhanh đấu giá quyền sử dụng đất ở các "
            "khu quy hoạch đã đủ điều kiện, đồng thời tăng cường chống thất thu và đôn đốc thu hồi "
            "nợ đọng thuế.",
        ),
        "Người nộp thuế làm thủ tục tại bộ phận một cửa của cơ quan thuế.",
        "Phòng Tài chính - Kế hoạch thị xã",
        22.4,
        block=BUDGET_TABLE,
    ),
    DemoArticle(
        "kinh-te",
        "Chuyển đổi 15 ha đất lúa kém hiệu quả sang trồng cây ăn quả",
        "Những chân ruộng cao, thiếu nước tưới được chuyển sang trồng bưởi, cam và ổi theo hướng "
        "liên kết tiêu thụ.",
        (
            "Sau khi khảo sát thổ nhưỡng và nguồn nước, thị xã khoanh vùng 15 ha đất lúa một vụ "
            "năng suất thấp tại hai xã để chuyển đổi. Người dân được hỗ trợ <strong>50% giá cây "
            "giống</strong> và được tập huấn kỹ thuật trồng, chăm sóc, phòng trừ sâu bệnh.",
            "Một doanh nghiệp chế biến nông sản đã ký cam kết bao tiêu sản phẩm khi vườn cây cho "
            "thu hoạch. Trong thời gian chờ cây ra quả, bà con được khuyến khích trồng xen rau "
            "màu, lạc và đậu để có thu nhập ngắn ngày.",
        ),
        "Nông dân trồng mới bưởi trên đất chuyển đổi.",
        ECONOMY_OFFICE,
        1.8,
        is_draft=True,
    ),
    DemoArticle(
        "kinh-te",
        "Làng nghề mộc truyền thống tất bật vào mùa đơn hàng cuối năm",
        "Các xưởng mộc trong làng hoạt động hết công suất để kịp giao bàn ghế, tủ và đồ thờ cho "
        "khách hàng trước Tết.",
        (
            "Làng nghề có hơn 70 hộ làm mộc, tạo việc làm thường xuyên cho khoảng 300 lao động. "
            "Nhiều cơ sở đã đầu tư máy cắt, máy bào, máy chạm khắc điều khiển số, giúp nâng cao "
            "năng suất và độ chính xác của sản phẩm.",
            "Ngoài thị trường trong tỉnh, sản phẩm của làng nghề đã có mặt ở nhiều tỉnh, thành "
            "phía Bắc và phía Nam. Hội làm nghề mộc đang cùng các ngành chức năng xây dựng "
            "<strong>nhãn hiệu tập thể</strong> để khẳng định thương hiệu và nâng giá trị sản "
            "phẩm.",
        ),
        "Thợ mộc hoàn thiện sản phẩm tại một xưởng trong làng nghề.",
        MEDIA_CENTRE,
        34.7,
    ),
    # Văn hóa - Xã hội
    DemoArticle(
        "van-hoa-xa-hoi",
        "Rộn ràng lễ hội đua thuyền truyền thống mừng Quốc khánh",
        "Mười hai đội thuyền của các phường, xã đã tranh tài trên đoạn sông dài 800 mét trong "
        "tiếng trống, tiếng reo hò của hàng nghìn người dân và du khách.",
        (
            "Lễ hội đua thuyền là sinh hoạt văn hóa truyền thống được duy trì nhiều năm nay, thể "
            "hiện tinh thần thượng võ và mong ước một năm mưa thuận gió hòa. Trước giờ thi đấu, "
            "các đội làm lễ tế thuyền, rước cờ theo nghi thức cổ truyền.",
            "Sau hai vòng đua sôi nổi, đội thuyền xã Tân Lộc giành <strong>giải Nhất</strong>, "
            "giải Nhì thuộc về phường Nam Giang và giải Ba thuộc về phường Bắc Sơn. Bên lề lễ hội "
            "còn có các trò chơi dân gian như kéo co, đập niêu, bịt mắt bắt vịt.",
        ),
        "Các đội thuyền tranh tài trên sông.",
        "Phòng Văn hóa và Thông tin thị xã",
        5.2,
        is_featured=True,
    ),
    DemoArticle(
        "van-hoa-xa-hoi",
        "Triển khai chiến dịch tiêm vắc xin sởi cho trẻ từ 1 đến 5 tuổi",
        "Chiến dịch diễn ra trong hai tuần tại trạm y tế các phường, xã và các trường mầm non, bảo "
        "đảm không bỏ sót trẻ trong diện tiêm.",
        (
            "Theo Trung tâm Y tế thị xã, toàn địa bàn có khoảng <strong>3.400 trẻ</strong> thuộc "
            "diện được tiêm bổ sung vắc xin sởi - rubella. Trước khi tiêm, trẻ được khám sàng lọc; "
            "sau tiêm, trẻ được theo dõi ít nhất 30 phút tại điểm tiêm.",
            "Sởi là bệnh truyền nhiễm cấp tính, lây qua đường hô hấp và có thể gây biến chứng nặng "
            "như viêm phổi, viêm não. Tiêm vắc xin đầy đủ, đúng lịch là biện pháp phòng bệnh hiệu "
            "quả nhất.",
        ),
        "Nhân viên y tế tiêm vắc xin cho trẻ tại trạm y tế.",
        HEALTH_CENTRE,
        0.7,
        is_featured=True,
        block=(
            "<p>Cha mẹ, người chăm sóc trẻ cần lưu ý:</p><ul>"
            "<li>Mang theo sổ tiêm chủng hoặc giấy tờ có thông tin tiêm chủng của trẻ;</li>"
            "<li>Cho trẻ ăn no, mặc quần áo thoáng, dễ vén tay;</li>"
            "<li>Báo cho nhân viên y tế nếu trẻ đang sốt, đang ốm hoặc từng phản ứng sau tiêm;</li>"
            "<li>Tiếp tục theo dõi trẻ tại nhà trong 24 giờ sau tiêm.</li></ul>"
        ),
    ),
    DemoArticle(
        "van-hoa-xa-hoi",
        "Trao 40 suất quà tặng gia đình chính sách nhân ngày Thương binh - Liệt sĩ",
        "Những phần quà là sự tri ân, động viên kịp thời đối với các gia đình người có công với "
        "cách mạng trên địa bàn.",
        (
            "Đoàn công tác của thị xã đã đến thăm hỏi, tặng quà thương binh, bệnh binh và thân "
            "nhân liệt sĩ có hoàn cảnh khó khăn. Mỗi suất quà gồm tiền mặt và nhu yếu phẩm, trị "
            "giá <strong>1,5 triệu đồng</strong>.",
            "Cùng ngày, đoàn đã dâng hương tại nghĩa trang liệt sĩ thị xã, tưởng nhớ các anh hùng "
            "liệt sĩ đã hy sinh vì độc lập, tự do của Tổ quốc. Đoàn viên thanh niên các trường học "
            "cũng dọn dẹp, thắp nến tri ân tại các phần mộ.",
        ),
        "Đoàn công tác thăm hỏi, tặng quà một gia đình chính sách.",
        "Phòng Nội vụ thị xã",
        16.4,
    ),
    DemoArticle(
        "van-hoa-xa-hoi",
        "Câu lạc bộ dân ca ví, giặm ra mắt lớp thành viên nhí",
        "Hai mươi em học sinh yêu thích dân ca được các nghệ nhân truyền dạy những làn điệu ví, "
        "giặm vào tối thứ bảy hằng tuần.",
        (
            "Lớp học miễn phí tại nhà văn hóa trung tâm, do các nghệ nhân và hội viên lâu năm của "
            "câu lạc bộ trực tiếp hướng dẫn. Các em được học cách lấy hơi, nhả chữ và cảm nhận nội "
            "dung từng câu hát gắn với lao động, sinh hoạt của ông cha.",
            "Sau hai tháng, nhiều em đã tự tin biểu diễn trong đêm giao lưu văn nghệ của thị xã. "
            "Câu lạc bộ mong muốn mở thêm lớp vào dịp hè để <strong>di sản dân ca</strong> tiếp "
            "tục được gìn giữ, lan tỏa trong thế hệ trẻ.",
        ),
        "Các thành viên nhí trong buổi biểu diễn ra mắt.",
        MEDIA_CENTRE,
        24.5,
    ),
    DemoArticle(
        "van-hoa-xa-hoi",
        "Khám sàng lọc miễn phí bệnh không lây nhiễm cho người cao tuổi",
        "Hơn 500 người cao tuổi được đo huyết áp, xét nghiệm đường huyết, tư vấn dinh dưỡng và cấp "
        "thuốc thông thường miễn phí.",
        (
            "Chương trình do Trung tâm Y tế thị xã phối hợp với Hội Người cao tuổi tổ chức tại 6 "
            "điểm khám. Người dân được khám nội khoa, mắt, răng hàm mặt và được tư vấn cách phòng "
            "ngừa tăng huyết áp, đái tháo đường.",
            "Qua khám sàng lọc, các bác sĩ phát hiện <strong>87 trường hợp</strong> có nguy cơ "
            "tăng huyết áp và 42 trường hợp nghi mắc đái tháo đường, đã hướng dẫn đến cơ sở y tế "
            "để được theo dõi, điều trị. Người mắc bệnh mạn tính được lập hồ sơ quản lý sức khỏe.",
        ),
        "Bác sĩ đo huyết áp cho người cao tuổi.",
        HEALTH_CENTRE,
        29.3,
    ),
    # Giáo dục (inside Văn hóa - Xã hội)
    DemoArticle(
        "giao-duc",
        "Hơn 9.000 học sinh hân hoan bước vào năm học mới",
        "Trong không khí tươi vui, các trường học trên địa bàn đồng loạt tổ chức lễ khai giảng, "
        "chào đón học sinh trở lại trường.",
        (
            "Năm học này, toàn thị xã có 31 trường từ mầm non đến trung học phổ thông với hơn "
            "<strong>9.000 học sinh</strong>. Trước ngày khai giảng, các trường đã sửa chữa phòng "
            "học, bổ sung bàn ghế, thiết bị dạy học và vệ sinh khuôn viên sạch sẽ.",
            "Sau lễ khai giảng, nhiều trường tổ chức ngày hội đến trường với văn nghệ, trò chơi "
            "tập thể để học sinh đầu cấp làm quen với thầy cô, bạn bè. Ngành giáo dục đặt mục tiêu "
            "nâng cao chất lượng dạy ngoại ngữ, tin học và kỹ năng sống cho học sinh.",
        ),
        "Học sinh lớp Một trong ngày khai giảng.",
        EDUCATION_OFFICE,
        6.3,
        is_featured=True,
    ),
    DemoArticle(
        "giao-duc",
        "Trường Tiểu học Hòa Bình đạt chuẩn quốc gia mức độ 2",
        "Sau ba năm đầu tư cơ sở vật chất và nâng cao chất lượng đội ngũ, nhà trường được công "
        "nhận đạt chuẩn quốc gia mức độ 2.",
        (
            "Nhà trường có 18 lớp với gần 600 học sinh, tất cả phòng học được trang bị ti vi thông "
            "minh. Khuôn viên có sân chơi, bãi tập, thư viện thân thiện và vườn trường để học sinh "
            "trải nghiệm.",
            "Tỷ lệ học sinh hoàn thành chương trình lớp học đạt <strong>trên 99%</strong>, nhiều "
            "em đạt giải trong các cuộc thi cấp tỉnh. Đó là kết quả nỗ lực của thầy và trò cùng sự "
            "chung tay của cha mẹ học sinh và chính quyền địa phương.",
        ),
        "Giờ học của học sinh Trường Tiểu học Hòa Bình.",
        EDUCATION_OFFICE,
        19.2,
    ),
    DemoArticle(
        "giao-duc",
        "Tuyên dương 120 học sinh giỏi cấp tỉnh năm học vừa qua",
        "Các em học sinh đạt giải cao trong kỳ thi học sinh giỏi cấp tỉnh cùng giáo viên bồi dưỡng "
        "đã được khen thưởng, động viên.",
        (
            "Năm học vừa qua, học sinh thị xã đạt <strong>120 giải</strong> trong kỳ thi học sinh "
            "giỏi cấp tỉnh, trong đó có 14 giải Nhất. Nhiều em đạt giải ở các môn Toán, Ngữ văn, "
            "Tiếng Anh và Tin học, khẳng định chất lượng giáo dục mũi nhọn của địa phương.",
            "Tại buổi lễ, Quỹ khuyến học thị xã đã trao 96 triệu đồng tiền thưởng cho học sinh và "
            "giáo viên. Đại diện học sinh hứa sẽ tiếp tục nỗ lực học tập, xứng đáng với sự quan "
            "tâm của gia đình, nhà trường và quê hương.",
        ),
        "Trao thưởng cho học sinh đạt giải Nhất cấp tỉnh.",
        EDUCATION_OFFICE,
        36.1,
    ),
    # Thông báo
    DemoArticle(
        "thong-bao",
        "Thông báo lịch tiếp công dân định kỳ của lãnh đạo UBND thị xã",
        "UBND thị xã thông báo lịch tiếp công dân định kỳ để người dân biết, đến phản ánh, kiến "
        "nghị.",
        (
            "Lãnh đạo UBND thị xã tiếp công dân định kỳ vào <strong>ngày 10 và ngày 25 hằng tháng"
            "</strong> tại Trụ sở Tiếp công dân thị xã. Nếu trùng ngày nghỉ, lễ, Tết thì lịch tiếp "
            "chuyển sang ngày làm việc kế tiếp.",
            "Công dân đến trình bày khiếu nại, tố cáo, kiến nghị, phản ánh cần mang theo căn cước "
            "và giấy tờ, tài liệu liên quan. Trường hợp ủy quyền phải có văn bản ủy quyền theo quy "
            "định của pháp luật.",
        ),
        "Trụ sở Tiếp công dân thị xã.",
        TOWN_OFFICE,
        2.8,
        block=(
            "<ul><li>Buổi sáng: từ 7 giờ 30 đến 11 giờ 30;</li>"
            "<li>Buổi chiều: từ 14 giờ 00 đến 17 giờ 00;</li>"
            "<li>Địa điểm: Trụ sở Tiếp công dân, tầng 1 nhà làm việc UBND thị xã.</li></ul>"
        ),
    ),
    DemoArticle(
        "thong-bao",
        "Thông báo tạm ngừng cấp nước để sửa chữa đường ống",
        "Đơn vị cấp nước thông báo tạm ngừng cấp nước từ 8 giờ đến 16 giờ để thay thế đoạn đường "
        "ống chính bị rò rỉ.",
        (
            "Trong quá trình vận hành, đơn vị phát hiện đoạn ống chính đường kính 200 mm bị rò rỉ, "
            "làm giảm áp lực nước ở nhiều khu vực. Để bảo đảm cấp nước ổn định lâu dài, đoạn ống "
            "này sẽ được thay mới.",
            "Đề nghị các hộ dân, cơ quan, đơn vị trong khu vực chủ động <strong>dự trữ nước"
            "</strong> để sinh hoạt. Đơn vị sẽ cố gắng rút ngắn thời gian thi công và cấp nước trở "
            "lại sớm nhất.",
        ),
        "Công nhân kiểm tra đường ống cấp nước.",
        "Đơn vị cấp nước thị xã",
        10.6,
        block=(
            "<p>Các khu vực bị ảnh hưởng:</p><ul>"
            "<li>Tổ dân phố 2, 3 và 5 phường Bắc Sơn;</li>"
            "<li>Khu dân cư dọc tuyến đường liên phường Bắc Sơn - Nam Giang;</li>"
            "<li>Khu vực chợ trung tâm thị xã.</li></ul>"
        ),
    ),
    DemoArticle(
        "thong-bao",
        "Thông báo tuyển dụng giáo viên hợp đồng năm học mới",
        "Phòng Giáo dục và Đào tạo thị xã thông báo tuyển giáo viên hợp đồng cho các trường mầm "
        "non, tiểu học và trung học cơ sở còn thiếu.",
        (
            "Năm nay, thị xã cần tuyển <strong>18 giáo viên</strong>, gồm 8 giáo viên mầm non, 6 "
            "giáo viên tiểu học và 4 giáo viên trung học cơ sở các môn Tiếng Anh, Tin học, Âm "
            "nhạc.",
            "Hồ sơ gồm đơn đăng ký dự tuyển, bản sao văn bằng, chứng chỉ và giấy khám sức khỏe, "
            "nộp trong giờ hành chính các ngày làm việc tại Phòng Giáo dục và Đào tạo thị xã.",
        ),
        "Trụ sở Phòng Giáo dục và Đào tạo thị xã.",
        EDUCATION_OFFICE,
        13.5,
        block=(
            "<p>Người dự tuyển cần đáp ứng:</p><ul>"
            "<li>Có bằng tốt nghiệp chuyên ngành sư phạm phù hợp với vị trí dự tuyển;</li>"
            "<li>Có đủ sức khỏe, lý lịch rõ ràng;</li>"
            "<li>Nộp hồ sơ trực tiếp hoặc qua bưu điện trong thời hạn thông báo.</li></ul>"
        ),
    ),
    DemoArticle(
        "thong-bao",
        "Thông báo lịch trực giải quyết thủ tục hành chính dịp nghỉ lễ",
        "Bộ phận Một cửa thị xã bố trí cán bộ trực để tiếp nhận và trả kết quả thủ tục hành chính "
        "cho người dân trong những ngày nghỉ lễ.",
        (
            "Trong thời gian nghỉ lễ, Bộ phận Một cửa làm việc <strong>buổi sáng</strong> từ 7 giờ "
            "30 đến 11 giờ 30 để tiếp nhận hồ sơ đăng ký khai sinh, khai tử và chứng thực. Các thủ "
            "tục khác được nhận trực tuyến trên Cổng Dịch vụ công quốc gia và xử lý sau kỳ nghỉ.",
            "Người dân được khuyến khích nộp hồ sơ trực tuyến để tiết kiệm thời gian đi lại. Mọi "
            "vướng mắc xin liên hệ đường dây nóng của Bộ phận Một cửa thị xã.",
        ),
        "Bộ phận Một cửa thị xã.",
        TOWN_OFFICE,
        -2.5,
    ),
)

TOWN_MAP_TITLE = "Bản đồ hành chính thị xã"

# (title, performer, melody as (MIDI note, beats) pairs, beats per minute)
SONGS = (
    (
        "Khúc hát bên dòng sông quê",
        "Câu lạc bộ dân ca thị xã",
        ((62, 1), (64, 1), (67, 2), (69, 1), (67, 1), (64, 2), (62, 1), (60, 1), (62, 4)),
        132,
    ),
    (
        "Giai điệu cánh đồng mùa gặt",
        "Đội văn nghệ xã Tân Lộc",
        ((67, 1), (69, 1), (72, 2), (74, 1), (72, 1), (69, 1), (67, 1), (64, 2), (67, 4)),
        144,
    ),
    (
        "Phố nhỏ chào ngày mới",
        "Nhóm hát thiếu nhi Nhà Văn hóa thị xã",
        ((60, 1), (64, 1), (67, 1), (72, 2), (71, 1), (69, 1), (67, 2), (64, 1), (60, 4)),
        150,
    ),
)

# Real government sites every Vietnamese town portal links to.
LINKS = (
    ("Cổng thông tin điện tử Chính phủ", "https://chinhphu.vn"),
    ("Cổng Dịch vụ công quốc gia", "https://dichvucong.gov.vn"),
    ("Cổng thông tin điện tử tỉnh Hà Tĩnh", "https://www.hatinh.gov.vn"),
    ("Cổng thông tin điện tử Quốc hội", "https://quochoi.vn"),
    ("Cơ sở dữ liệu quốc gia về văn bản pháp luật", "https://vbpl.vn"),
)


def article_body(index, article):
    """The article's own paragraphs, its list or table, then one or two shared closings."""
    first, *rest = article.paragraphs
    closings = CLOSINGS[article.category]
    shared = [closings[(index + step) % len(closings)] for step in range(1 + index % 2)]
    parts = [f"<p>{first}</p>", article.block, *(f"<p>{text}</p>" for text in [*rest, *shared])]
    return "\n".join(part for part in parts if part)


# --- Generated pictures and tunes --------------------------------------------------------------

COVER_SIZE = (1200, 800)
MAP_SIZE = (1600, 1100)
SAMPLE_RATE = 16000


def _rgb(hue, saturation, value):
    return tuple(
        round(channel * 255) for channel in colorsys.hsv_to_rgb(hue % 1, saturation, value)
    )


def cover_jpeg(index):
    """A 1200×800 landscape in its own colours: sky gradient, sun, hills and a caption band."""
    width, height = COVER_SIZE
    hue = index * 0.618034  # golden-ratio steps keep neighbouring covers far apart in colour
    gradient = Image.linear_gradient("L").resize(COVER_SIZE)
    image = ImageOps.colorize(gradient, _rgb(hue, 0.25, 1.0), _rgb(hue + 0.08, 0.55, 0.85))
    draw = ImageDraw.Draw(image)
    sun_x, sun_r = 150 + (index * 263) % 900, 60 + (index * 17) % 40
    draw.ellipse((sun_x - sun_r, 120 - sun_r, sun_x + sun_r, 120 + sun_r), _rgb(0.12, 0.5, 1.0))
    for layer in range(3):
        base = 420 + layer * 110
        phase = index * 1.7 + layer * 2.1
        points = [
            (x, base - 70 * math.sin(x / (170 + 40 * layer) + phase))
            for x in range(0, width + 1, 40)
        ]
        colour = _rgb(hue + 0.3 + layer * 0.04, 0.5 + layer * 0.1, 0.75 - layer * 0.17)
        draw.polygon([(0, height), *points, (width, height)], fill=colour)
    band_top = height - 130
    draw.rectangle((0, band_top, width, height), fill=_rgb(hue, 0.6, 0.22))
    draw.rectangle((60, band_top + 38, 60 + 520 + (index * 53) % 400, band_top + 58), "#f4f1e8")
    draw.rectangle((60, band_top + 78, 60 + 300 + (index * 31) % 300, band_top + 92), "#b9b4a6")
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=82)
    return buffer.getvalue()


def town_map_png():
    """A map-like drawing of the town: fields, hills, a river, a lake, roads and a street grid."""
    width, height = MAP_SIZE
    image = Image.new("RGB", MAP_SIZE, "#efe9d8")
    draw = ImageDraw.Draw(image)
    # Rice fields in the south-east, hills in the north-west.
    for row in range(5):
        for col in range(7):
            x, y = 900 + col * 100, 690 + row * 75
            shade = "#cfe3a6" if (row + col) % 2 else "#bcd88e"
            draw.rectangle((x, y, x + 92, y + 67), fill=shade)
    draw.polygon([(0, 0), (520, 0), (430, 160), (260, 250), (90, 330), (0, 360)], "#a9c99a")
    draw.polygon([(0, 0), (330, 0), (250, 90), (120, 170), (0, 200)], "#8fb883")
    # The river, from the north-east round the town centre to the south-west, and a lake.
    river = [(1600, 180), (1380, 330), (1200, 540), (950, 600), (700, 690), (450, 830)]
    river += [(250, 1100)]
    draw.line(river, fill="#7fb2d9", width=46, joint="curve")
    draw.line(river, fill="#a8cde8", width=18, joint="curve")
    draw.ellipse((350, 340, 530, 450), fill="#93c1e3", outline="#6fa3cc", width=4)
    # Town centre: a grid of streets with built-up blocks between them.
    for col in range(5):
        for row in range(4):
            x, y = 560 + col * 110, 150 + row * 90
            draw.rectangle((x + 14, y + 14, x + 96, y + 76), fill="#e1c9a8", outline="#c9ab84")
    for col in range(6):
        x = 560 + col * 110
        draw.line((x, 150, x, 510), fill="#ffffff", width=10)
    for row in range(5):
        y = 150 + row * 90
        draw.line((560, y, 1110, y), fill="#ffffff", width=10)
    # The national highway runs through the centre; the provincial road crosses it to the south.
    for road, outer, inner in (
        ([(740, 0), (780, 150), (780, 510), (800, 800), (780, 1100)], 30, 22),
        ([(0, 620), (500, 610), (790, 600), (1600, 650)], 22, 14),
    ):
        draw.line(road, fill="#8a7a5c", width=outer, joint="curve")
        draw.line(road, fill="#f7c85b", width=inner, joint="curve")
    font = ImageFont.load_default(size=26)
    draw.rounded_rectangle((822, 860, 942, 900), 8, fill="#ffffff", outline="#8a7a5c", width=2)
    draw.text((882, 880), "QL 1A", fill="#5a4a2c", font=font, anchor="mm")
    # North arrow and scale bar.
    draw.polygon([(1500, 960), (1480, 1030), (1500, 1015), (1520, 1030)], fill="#333333")
    draw.text((1500, 935), "N", fill="#333333", font=font, anchor="mm")
    draw.rectangle((60, 1040, 260, 1052), fill="#333333")
    draw.rectangle((160, 1040, 260, 1052), fill="#ffffff", outline="#333333", width=2)
    draw.text((160, 1015), "0       250      500 m", fill="#333333", font=font, anchor="mm")
    draw.rectangle((0, 0, width - 1, height - 1), outline="#8a7a5c", width=6)
    buffer = BytesIO()
    image.save(buffer, "PNG", optimize=False)
    return buffer.getvalue()


def melody_wav(notes, beats_per_minute):
    """A short tune as 16-bit mono WAV: each note a plucked tone that fades out."""
    beat = 60 / beats_per_minute
    samples = []
    for midi_note, beats in notes:
        frequency = 440 * 2 ** ((midi_note - 69) / 12)
        length = int(SAMPLE_RATE * beat * beats)
        for n in range(length):
            t = n / SAMPLE_RATE
            envelope = min(1.0, n / 160) * math.exp(-3.0 * t / (beat * beats))
            phase = 2 * math.pi * frequency * t
            tone = math.sin(phase) + 0.3 * math.sin(2 * phase)  # a touch of overtone
            samples.append(int(12000 * envelope * tone))
    buffer = BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return buffer.getvalue()


# --- Loading -----------------------------------------------------------------------------------


def summary(created):
    """One line for the terminal: what the demo holds and how much this run had to add."""
    drafts = sum(a.is_draft for a in ARTICLES)
    scheduled = sum(not a.is_draft and a.days_ago < 0 for a in ARTICLES)
    published = len(ARTICLES) - drafts - scheduled
    return (
        f"Demo content: {len(CATEGORIES)} categories, {len(ARTICLES)} articles "
        f"({published} published, {drafts} drafts, {scheduled} scheduled), 1 town map, "
        f"{len(SONGS)} songs, {len(LINKS)} links; {created} created by this run."
    )


def _create(instance):
    """Save a new demo object after the same checks an upload in the admin goes through."""
    instance.full_clean()
    instance.save()
    return instance


def load_demo():
    """Create whatever demo content is missing, keyed on slugs, titles and URLs.

    Rows that exist are left as they are, even when staff have edited them, so a second run
    changes nothing and draws no picture again. Returns how many rows this run created.
    """
    created = 0
    now = timezone.now().replace(second=0, microsecond=0)
    with transaction.atomic():
        categories = {}
        for item in CATEGORIES:
            category = Category.objects.filter(slug=item.slug).first()
            created += category is None
            categories[item.slug] = category or _create(
                Category(
                    slug=item.slug,
                    name=item.name,
                    order=item.order,
                    parent=categories.get(item.parent),
                )
            )

        existing = set(
            Article.objects.filter(slug__in=[a.slug for a in ARTICLES]).values_list(
                "slug", flat=True
            )
        )
        for index, item in enumerate(ARTICLES):
            if item.slug in existing:
                continue
            created += 1
            _create(
                Article(
                    slug=item.slug,
                    title=item.title,
                    category=categories[item.category],
                    lead=item.lead,
                    body=article_body(index, item),
                    cover=ContentFile(cover_jpeg(index), name="anh-bia.jpg"),
                    cover_caption=item.cover_caption,
                    author_line=item.author_line,
                    status=Article.Status.DRAFT if item.is_draft else Article.Status.PUBLISHED,
                    published_at=now - timedelta(days=item.days_ago),
                    is_featured=item.is_featured,
                )
            )

        if not TownMap.objects.filter(title=TOWN_MAP_TITLE).exists():
            created += 1
            _create(
                TownMap(title=TOWN_MAP_TITLE, image=ContentFile(town_map_png(), name="ban-do.png"))
            )

        for order, (title, performer, notes, tempo) in enumerate(SONGS, start=1):
            if not Song.objects.filter(title=title).exists():
                created += 1
                audio = ContentFile(melody_wav(notes, tempo), name="bai-hat.wav")
                _create(Song(title=title, performer=performer, order=order, audio=audio))

        for order, (title, url) in enumerate(LINKS, start=1):
            if not WebsiteLink.objects.filter(url=url).exists():
                created += 1
                _create(WebsiteLink(title=title, url=url, order=order))
    return created
