// The official divisions (GB/T 2260, as of 2019-12-31), copied verbatim from the
// province's CSV so that every runtime (Worker, browser, Node) has them without file I/O.
// test/shared/regions checks it against ../shared/data/shandong-divisions-2019.csv.
export const shandongDivisions2019Csv = `code,name,name_en,level,parent_code
370000,山东省,Shandong,province,
370100,济南市,Jinan,prefecture,370000
370102,历下区,Lixia District,county,370100
370103,市中区,Shizhong District,county,370100
370104,槐荫区,Huaiyin District,county,370100
370105,天桥区,Tianqiao District,county,370100
370112,历城区,Licheng District,county,370100
370113,长清区,Changqing District,county,370100
370114,章丘区,Zhangqiu District,county,370100
370115,济阳区,Jiyang District,county,370100
370116,莱芜区,Laiwu District,county,370100
370117,钢城区,Gangcheng District,county,370100
370124,平阴县,Pingyin County,county,370100
370126,商河县,Shanghe County,county,370100
370200,青岛市,Qingdao,prefecture,370000
370202,市南区,Shinan District,county,370200
370203,市北区,Shibei District,county,370200
370211,黄岛区,Huangdao District,county,370200
370212,崂山区,Laoshan District,county,370200
370213,李沧区,Licang District,county,370200
370214,城阳区,Chengyang District,county,370200
370215,即墨区,Jimo District,county,370200
370281,胶州市,Jiaozhou,county,370200
370283,平度市,Pingdu,county,370200
370285,莱西市,Laixi,county,370200
370300,淄博市,Zibo,prefecture,370000
370302,淄川区,Zichuan District,county,370300
370303,张店区,Zhangdian District,county,370300
370304,博山区,Boshan District,county,370300
370305,临淄区,Linzi District,county,370300
370306,周村区,Zhoucun District,county,370300
370321,桓台县,Huantai County,county,370300
370322,高青县,Gaoqing County,county,370300
370323,沂源县,Yiyuan County,county,370300
370400,枣庄市,Zaozhuang,prefecture,370000
370402,市中区,Shizhong District,county,370400
370403,薛城区,Xuecheng District,county,370400
370404,峄城区,Yicheng District,county,370400
370405,台儿庄区,Tai'erzhuang District,county,370400
370406,山亭区,Shanting District,county,370400
370481,滕州市,Tengzhou,county,370400
370500,东营市,Dongying,prefecture,370000
370502,东营区,Dongying District,county,370500
370503,河口区,Hekou District,county,370500
370505,垦利区,Kenli District,county,370500
370522,利津县,Lijin County,county,370500
370523,广饶县,Guangrao County,county,370500
370600,烟台市,Yantai,prefecture,370000
370602,芝罘区,Zhifu District,county,370600
370611,福山区,Fushan District,county,370600
370612,牟平区,Muping District,county,370600
370613,莱山区,Laishan District,county,370600
370634,长岛县,Changdao County,county,370600
370681,龙口市,Longkou,county,370600
370682,莱阳市,Laiyang,county,370600
370683,莱州市,Laizhou,county,370600
370684,蓬莱市,Penglai,county,370600
370685,招远市,Zhaoyuan,county,370600
370686,栖霞市,Qixia,county,370600
370687,海阳市,Haiyang,county,370600
370700,潍坊市,Weifang,prefecture,370000
370702,潍城区,Weicheng District,county,370700
370703,寒亭区,Hanting District,county,370700
370704,坊子区,Fangzi District,county,370700
370705,奎文区,Kuiwen District,county,370700
370724,临朐县,Linqu County,county,370700
370725,昌乐县,Changle County,county,370700
370781,青州市,Qingzhou,county,370700
370782,诸城市,Zhucheng,county,370700
370783,寿光市,Shouguang,county,370700
370784,安丘市,Anqiu,county,370700
370785,高密市,Gaomi,county,370700
370786,昌邑市,Changyi,county,370700
370800,济宁市,Jining,prefecture,370000
370811,任城区,Rencheng District,county,370800
370812,兖州区,Yanzhou District,county,370800
370826,微山县,Weishan County,county,370800
370827,鱼台县,Yutai County,county,370800
370828,金乡县,Jinxiang County,county,370800
370829,嘉祥县,Jiaxiang County,county,370800
370830,汶上县,Wenshang County,county,370800
370831,泗水县,Sishui County,county,370800
370832,梁山县,Liangshan County,county,370800
370881,曲阜市,Qufu,county,370800
370883,邹城市,Zoucheng,county,370800
370900,泰安市,Tai'an,prefecture,370000
370902,泰山区,Taishan District,county,370900
370911,岱岳区,Daiyue District,county,370900
370921,宁阳县,Ningyang County,county,370900
370923,东平县,Dongping County,county,370900
370982,新泰市,Xintai,county,370900
370983,肥城市,Feicheng,county,370900
371000,威海市,Weihai,prefecture,370000
371002,环翠区,Huancui District,county,371000
371003,文登区,Wendeng District,county,371000
371082,荣成市,Rongcheng,county,371000
371083,乳山市,Rushan,county,371000
371100,日照市,Rizhao,prefecture,370000
371102,东港区,Donggang District,county,371100
371103,岚山区,Lanshan District,county,371100
371121,五莲县,Wulian County,county,371100
371122,莒县,Ju County,county,371100
371300,临沂市,Linyi,prefecture,370000
371302,兰山区,Lanshan District,county,371300
371311,罗庄区,Luozhuang District,county,371300
371312,河东区,Hedong District,county,371300
371321,沂南县,Yinan County,county,371300
371322,郯城县,Tancheng County,county,371300
371323,沂水县,Yishui County,county,371300
371324,兰陵县,Lanling County,county,371300
371325,费县,Fei County,county,371300
371326,平邑县,Pingyi County,county,371300
371327,莒南县,Junan County,county,371300
371328,蒙阴县,Mengyin County,county,371300
371329,临沭县,Linshu County,county,371300
371400,德州市,Dezhou,prefecture,370000
371402,德城区,Decheng District,county,371400
371403,陵城区,Lingcheng District,county,371400
371422,宁津县,Ningjin County,county,371400
371423,庆云县,Qingyun County,county,371400
371424,临邑县,Linyi County,county,371400
371425,齐河县,Qihe County,county,371400
371426,平原县,Pingyuan County,county,371400
371427,夏津县,Xiajin County,county,371400
371428,武城县,Wucheng County,county,371400
371481,乐陵市,Laoling,county,371400
371482,禹城市,Yucheng,county,371400
371500,聊城市,Liaocheng,prefecture,370000
371502,东昌府区,Dongchangfu District,county,371500
371503,茌平区,Chiping District,county,371500
371521,阳谷县,Yanggu County,county,371500
371522,莘县,Shen County,county,371500
371524,东阿县,Dong'e County,county,371500
371525,冠县,Guan County,county,371500
371526,高唐县,Gaotang County,county,371500
371581,临清市,Linqing,county,371500
371600,滨州市,Binzhou,prefecture,370000
371602,滨城区,Bincheng District,county,371600
371603,沾化区,Zhanhua District,county,371600
371621,惠民县,Huimin County,county,371600
371622,阳信县,Yangxin County,county,371600
371623,无棣县,Wudi County,county,371600
371625,博兴县,Boxing County,county,371600
371681,邹平市,Zouping,county,371600
371700,菏泽市,Heze,prefecture,370000
371702,牡丹区,Mudan District,county,371700
371703,定陶区,Dingtao District,county,371700
371721,曹县,Cao County,county,371700
371722,单县,Shan County,county,371700
371723,成武县,Chengwu County,county,371700
371724,巨野县,Juye County,county,371700
371725,郓城县,Yuncheng County,county,371700
371726,鄄城县,Juancheng County,county,371700
371728,东明县,Dongming County,county,371700`;
